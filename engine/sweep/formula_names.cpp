#include "migdip/sweep/formula_names.h"

#include <set>

namespace migdip {
namespace {

// ASCII only, whatever the locale: std::isalnum would take a locale's letters.
bool is_ascii_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::vector<std::string> formula_names(const std::vector<std::string>& keys,
                                       const std::vector<std::string>& taken) {
  std::set<std::string> used(taken.begin(), taken.end());
  std::vector<std::string> names;
  names.reserve(keys.size());
  for (const std::string& key : keys) {
    std::string base = key;
    for (char& c : base) {
      if (!is_ascii_letter(c) && !is_ascii_digit(c) && c != '_') {
        c = '_';
      }
    }
    if (base.empty() || !is_ascii_letter(base.front())) {
      base.insert(0, "p_");
    }
    std::string name = base;
    for (int suffix = 2; used.contains(name); ++suffix) {
      name = base;
      name.append("_").append(std::to_string(suffix));
    }
    used.insert(name);
    names.push_back(std::move(name));
  }
  return names;
}

}  // namespace migdip
