"""Counter-based random numbers: a draw is a pure function of (seed, purpose, person, count).

A person's draw for, say, the length of their third admission is a hash of the run's key,
the purpose, the person's identifier and the number 3, so it does not depend on how many
other people were drawn for, or in what order. Two designs run on the same seed therefore
give the same person the same draw for the same event, however their care diverges.

The hash is SplitMix64's finaliser (Steele, Lea & Flood 2014, "Fast splittable pseudorandom
number generators", OOPSLA), applied in a chain to each part of the key, on numpy uint64
columns (multiplication wraps modulo 2**64, as the finaliser needs).
"""

import numpy as np


def _u64(value: int) -> np.ndarray:
    # Constants are 0-d arrays: numpy applies them to small arrays faster than scalars, and
    # the engine draws for a few dozen people at a time.
    return np.array(value, dtype=np.uint64)


_GOLDEN = _u64(0x9E3779B97F4A7C15)  # odd multipliers spread each part of the key
_PERSON = _u64(0xD1B54A32D192ED03)
_SLOT = _u64(0x8CB92BA72F3D8DD7)
_MIX_1 = _u64(0xBF58476D1CE4E5B9)
_MIX_2 = _u64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = _u64(30), _u64(27), _u64(31), _u64(11)
_TO_UNIT = np.array(2.0**-53)
_HALF = np.array(2.0**-54)  # half a step: uniforms are midpoints of 2**53 cells, never 0 or 1
# Gamma proposals are made four at a time per person; Marsaglia-Tsang accepts at least 95%
# of proposals for shapes of 1 and above, so a person needs another batch with odds below
# 1e-5, and after _GAMMA_BATCHES batches (odds below 1e-20) takes the mean instead.
_GAMMA_TRIES = 4
_GAMMA_BATCHES = 4
# Whole shapes up to this are drawn as sums of exponentials: exact, and cheaper than
# rejection (the default stays have shapes 1 and 4).
_MAX_SUM_SHAPE = 8
_MASK = (1 << 64) - 1
_SUM_SLOTS = np.arange(1, _MAX_SUM_SHAPE + 1, dtype=np.uint64).reshape(1, -1)


def mix64(z: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: a bijection of uint64 with full avalanche (``z`` is consumed)."""
    z ^= z >> _S30
    z *= _MIX_1
    z ^= z >> _S27
    z *= _MIX_2
    z ^= z >> _S31
    return z


class KeyedUniforms:
    """Uniform, exponential and gamma draws keyed by (purpose, person, count, slot)."""

    def __init__(self, seed_seq: np.random.SeedSequence) -> None:
        self._key = int(seed_seq.generate_state(1, dtype=np.uint64)[0])
        self._offsets: dict[tuple[int, int], np.ndarray] = {}

    def _offset(self, purpose: int, slot: int) -> np.ndarray:
        """The run's key mixed with the purpose, plus the slot: one number per pair, cached."""
        offset = self._offsets.get((purpose, slot))
        if offset is None:
            head = np.array([(purpose * int(_GOLDEN)) & _MASK ^ self._key], dtype=np.uint64)
            head = int(mix64(head)[0])
            offset = _u64((head + slot * int(_SLOT)) & _MASK)
            self._offsets[(purpose, slot)] = offset
        return offset

    def _hash(self, purpose: int, person: np.ndarray, count: np.ndarray, slot) -> np.ndarray:
        # SplitMix64 proper: the finaliser of a counter, here a two-dimensional counter
        # (person, count) offset by the purpose's head; odd multipliers keep it one-to-one
        # in each part. ``slot`` may be an array that broadcasts against the others.
        h = np.asarray(person, dtype=np.uint64) * _PERSON
        h += np.asarray(count, dtype=np.uint64) * _GOLDEN
        if isinstance(slot, int):
            h += self._offset(purpose, slot)
        else:
            h = h + (np.asarray(slot, dtype=np.uint64) * _SLOT + self._offset(purpose, 0))
        return mix64(h)

    def uniform(
        self, purpose: int, person: np.ndarray, count: np.ndarray, slot: int = 0
    ) -> np.ndarray:
        """Uniforms on the open interval (0, 1), one per (person, count) pair."""
        return (self._hash(purpose, person, count, slot) >> _S11) * _TO_UNIT + _HALF

    def exponential(self, purpose: int, person: np.ndarray, count: np.ndarray) -> np.ndarray:
        """Unit exponentials by inversion (so a larger uniform is always a longer time)."""
        u = self.uniform(purpose, person, count)
        np.log(u, out=u)
        return np.negative(u, out=u)

    def gamma(
        self, purpose: int, person: np.ndarray, count: np.ndarray, shape: float
    ) -> np.ndarray:
        """Unit-scale gamma draws of ``shape`` (Marsaglia & Tsang 2000, ACM TOMS 26(3)).

        Proposals use keyed normals (Box-Muller) and keyed acceptance uniforms, slot by
        slot, and the first accepted proposal is taken, so the value is still a pure
        function of the key. Shapes below 1 use the boost ``G(a) = G(a + 1) * U ** (1 / a)``;
        shape 1 is the exponential, and other whole shapes up to 8 a sum of exponentials.
        """
        if shape == 1.0:
            return self.exponential(purpose, person, count)
        person = np.asarray(person, dtype=np.uint64)
        count = np.asarray(count, dtype=np.uint64)
        if shape.is_integer() and shape <= _MAX_SUM_SHAPE:
            # G(k) is the sum of k unit exponentials: -log of the product of k uniforms.
            slots = _SUM_SLOTS[:, : int(shape)]
            bits = self._hash(purpose, person[:, None], count[:, None], slots) >> _S11
            return -np.log(bits * _TO_UNIT + _HALF).sum(axis=1)
        boost = shape < 1.0
        a = shape + 1.0 if boost else shape
        d = a - 1.0 / 3.0
        c = 1.0 / np.sqrt(9.0 * d)
        out = np.full(person.shape, d)  # the fallback: close to the mean, a
        pending = np.arange(person.size)
        for batch in range(_GAMMA_BATCHES):
            if pending.size == 0:
                break
            # Slots 1.. of this batch: (normal, normal, acceptance) for each try.
            first = 1 + 3 * _GAMMA_TRIES * batch
            slots = np.arange(first, first + 3 * _GAMMA_TRIES).reshape(1, _GAMMA_TRIES, 3)
            bits = self._hash(purpose, person[pending, None, None], count[pending, None, None],
                              slots) >> _S11
            u = bits * _TO_UNIT + _HALF
            x = np.sqrt(-2.0 * np.log(u[..., 0])) * np.cos(2.0 * np.pi * u[..., 1])
            v = (1.0 + c * x) ** 3
            safe_v = np.where(v > 0, v, 1.0)
            ok = (v > 0) & (np.log(u[..., 2]) < 0.5 * x * x + d - d * safe_v + d * np.log(safe_v))
            found = ok.any(axis=1)
            take = ok.argmax(axis=1)
            rows = np.flatnonzero(found)
            out[pending[rows]] = d * v[rows, take[rows]]
            pending = pending[~found]
        if boost:
            out *= self.uniform(purpose, person, count, 0) ** (1.0 / shape)
        return out
