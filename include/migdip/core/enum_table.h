#pragma once
// Compile-time checks for tables with one row per enumerator of a domain enum (instrument
// types, ...), so that an enumerator added without its row, or rows out of order, do not build.

#include <array>
#include <cstddef>
#include <string_view>

namespace migdip {

/// Whether `Value` is a named enumerator of its enum. C++20 cannot list an enum's enumerators;
/// the compiler's own spelling of the template argument can tell: GCC and Clang print a named
/// one as `E::name` and any other value as the cast `(E)n`.
template <auto Value>
consteval bool is_named_enumerator() {
  constexpr std::string_view signature = __PRETTY_FUNCTION__;
  constexpr std::string_view marker = "Value = ";
  constexpr std::size_t at = signature.find(marker);
  static_assert(at != std::string_view::npos, "unknown __PRETTY_FUNCTION__ format");
  return signature[at + marker.size()] != '(';
}

/// Whether `rows` holds exactly one row per enumerator of `Enum`, in enum order: row i names
/// enumerator i in its member `key`, and the value after the last row is no enumerator. The
/// enum must number its enumerators 0, 1, 2, ... (no explicit values).
template <typename Enum, typename Row, std::size_t N>
consteval bool one_row_per_enumerator(const std::array<Row, N>& rows, Enum Row::*key) {
  for (std::size_t i = 0; i < N; ++i) {
    if (rows[i].*key != static_cast<Enum>(i)) {
      return false;
    }
  }
  return is_named_enumerator<static_cast<Enum>(N - 1)>() &&
         !is_named_enumerator<static_cast<Enum>(N)>();
}

}  // namespace migdip
