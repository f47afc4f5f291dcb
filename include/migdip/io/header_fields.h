#pragma once
// A file header described once. Results and sweep files open with a header: where the file
// came from (engine, commit, command line, scenario) and, for sweeps, which sweep it is part of.
// Each header is a struct and a table of its fields, in the order of the file's attributes: the
// name in the file, the member that holds it, how it is stored, what a difference between two
// files in it means, and what it says. Writing, reading, comparing and documenting a header all
// walk that table, so a new field is one member and one row.

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace migdip {

/// How a header field is stored in the root group of its file.
enum class FieldStorage {
  kText,         ///< a text attribute
  kLines,        ///< a list of texts, as one text attribute holding a text per line
  kSeed,         ///< a 64-bit seed or run index, as a decimal text attribute (a float64 rounds it)
  kNumber,       ///< a float64 attribute (counts are exact in it up to 2^53)
  kTextDataset,  ///< a scalar text dataset: texts too long for an attribute (scenario, plan)
};

template <typename Header>
struct HeaderField {
  using Member = std::variant<std::string Header::*, std::vector<std::string> Header::*,
                              std::uint64_t Header::*, double Header::*>;
  /// Why two files that should be parts of one whole cannot be, when they differ in the field.
  using Difference = std::string (*)(const Header& mine, const Header& other);

  const char* name;
  Member member;
  FieldStorage storage;
  /// nullptr when files may differ in the field (when and how they were written).
  Difference difference;
  const char* description;
};

/// Whether the member's type is one that `storage` can hold; every table is checked with it.
template <typename Header>
constexpr bool storable(const HeaderField<Header>& field) {
  using Member = typename HeaderField<Header>::Member;
  switch (field.storage) {
    case FieldStorage::kText:
    case FieldStorage::kTextDataset:
      return std::holds_alternative<std::variant_alternative_t<0, Member>>(field.member);
    case FieldStorage::kLines:
      return std::holds_alternative<std::variant_alternative_t<1, Member>>(field.member);
    case FieldStorage::kSeed:
      return std::holds_alternative<std::variant_alternative_t<2, Member>>(field.member);
    case FieldStorage::kNumber:
      return std::holds_alternative<std::variant_alternative_t<2, Member>>(field.member) ||
             std::holds_alternative<std::variant_alternative_t<3, Member>>(field.member);
  }
  return false;
}

/// Whether every field of a table fits its storage: for a static_assert beside each table.
template <typename Header, std::size_t N>
constexpr bool all_storable(const HeaderField<Header> (&fields)[N]) {
  for (const HeaderField<Header>& field : fields) {
    if (!storable(field)) {
      return false;
    }
  }
  return true;
}

/// Whether two headers hold the same value in the field.
template <typename Header>
bool same_value(const HeaderField<Header>& field, const Header& a, const Header& b) {
  return std::visit([&](auto member) { return a.*member == b.*member; }, field.member);
}

/// A field's value as its file stores it: a text (attributes and datasets) or a float64.
using StoredValue = std::variant<std::string, double>;

template <typename Header>
StoredValue stored_value(const HeaderField<Header>& field, const Header& header) {
  return std::visit(
      [&](auto member) -> StoredValue {
        const auto& value = header.*member;
        using Value = std::remove_cvref_t<decltype(value)>;
        if constexpr (std::is_same_v<Value, std::string>) {
          return value;
        } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
          std::string lines;
          for (const std::string& line : value) {
            lines += (lines.empty() ? "" : "\n") + line;
          }
          return lines;
        } else if constexpr (std::is_same_v<Value, std::uint64_t>) {
          if (field.storage == FieldStorage::kSeed) {
            return std::to_string(value);
          }
          return static_cast<double>(value);
        } else {
          return value;
        }
      },
      field.member);
}

}  // namespace migdip
