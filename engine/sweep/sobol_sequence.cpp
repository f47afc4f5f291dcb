#include "migdip/sweep/sobol_sequence.h"

#include <bit>
#include <string>

#include "migdip/core/error.h"
#include "migdip/core/random_stream.h"
#include "sobol_directions.h"

namespace migdip {
namespace {

constexpr int kBits = SobolSequence::kBits;

// The direction numbers v_1..v_32 of one dimension as 32-bit fractions (bit 31 is 1/2), by the
// recurrence of Bratley and Fox (1988, section 2) on the initial numbers m_1..m_s of Joe and Kuo.
void append_directions(std::size_t dimension, std::vector<std::uint32_t>& out) {
  const SobolDirections& table = kSobolDirections.at(dimension);
  const int degree = std::bit_width(table.polynomial) - 1;
  std::uint64_t m[kBits];
  for (int j = 0; j < kBits; ++j) {
    if (degree == 0) {
      m[j] = 1;  // the first dimension: van der Corput's sequence
    } else if (j < degree) {
      m[j] = table.initial[static_cast<std::size_t>(j)];
    } else {
      std::uint64_t value = m[j - degree] ^ (m[j - degree] << degree);
      for (int k = 1; k < degree; ++k) {
        if ((table.polynomial >> (degree - k)) & 1U) {
          value ^= m[j - k] << k;
        }
      }
      m[j] = value;
    }
  }
  for (int j = 0; j < kBits; ++j) {
    out.push_back(static_cast<std::uint32_t>(m[j] << (kBits - 1 - j)));
  }
}

// Matousek's linear matrix scramble: every direction number is multiplied (over GF(2)) by one
// random lower-triangular matrix with a unit diagonal, digits counted from the most significant.
// Output digit r then depends on input digits 1..r only, which keeps the net's balance.
void scramble(std::span<std::uint32_t> directions, RandomStream& stream) {
  std::uint32_t rows[kBits];
  for (int r = 0; r < kBits; ++r) {
    const std::uint32_t above = r == 0 ? 0U : ~((std::uint32_t{1} << (kBits - r)) - 1U);
    rows[r] = (stream.next_u32() & above) | (std::uint32_t{1} << (kBits - 1 - r));
  }
  for (std::uint32_t& v : directions) {
    std::uint32_t result = 0;
    for (int r = 0; r < kBits; ++r) {
      result |= static_cast<std::uint32_t>(std::popcount(rows[r] & v) & 1) << (kBits - 1 - r);
    }
    v = result;
  }
}

void check_dimensions(std::size_t dimensions) {
  if (dimensions == 0 || dimensions > SobolSequence::kMaxDimensions) {
    throw InternalError("the Sobol' sequence has 1 to 1024 dimensions, asked for " +
                        std::to_string(dimensions));
  }
}

}  // namespace

SobolSequence::SobolSequence(std::size_t dimensions)
    : dimensions_(dimensions), shift_(dimensions, 0) {
  check_dimensions(dimensions);
  directions_.reserve(dimensions * kBits);
  for (std::size_t d = 0; d < dimensions; ++d) {
    append_directions(d, directions_);
  }
}

SobolSequence::SobolSequence(std::size_t dimensions, std::uint64_t seed)
    : SobolSequence(dimensions) {
  for (std::size_t d = 0; d < dimensions; ++d) {
    RandomStream stream({seed, static_cast<std::uint32_t>(d), 0, 0, DrawPurpose::sobol_scramble});
    shift_[d] = stream.next_u32();
    scramble(std::span(directions_).subspan(d * kBits, kBits), stream);
  }
}

double SobolSequence::coordinate(std::uint64_t index, std::size_t dimension) const {
  // Point i of the Gray-code order (Antonov and Saleev 1979) is the XOR of the direction
  // numbers at the set bits of gray(i) = i ^ (i >> 1).
  auto gray = static_cast<std::uint32_t>(index ^ (index >> 1));
  std::uint32_t value = shift_[dimension];
  const std::uint32_t* v = directions_.data() + dimension * kBits;
  while (gray != 0) {
    value ^= v[std::countr_zero(gray)];
    gray &= gray - 1;
  }
  return static_cast<double>(value) * 0x1p-32;
}

void SobolSequence::point(std::uint64_t index, std::span<double> point) const {
  for (std::size_t d = 0; d < dimensions_; ++d) {
    point[d] = coordinate(index, d);
  }
}

}  // namespace migdip
