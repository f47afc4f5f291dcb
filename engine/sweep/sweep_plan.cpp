#include "migdip/sweep/sweep_plan.h"

#include <array>

namespace migdip {
namespace {
constexpr std::array<std::pair<Sampler, std::string_view>, 4> kSamplerNames = {{
    {Sampler::grid, "grid"},
    {Sampler::list, "list"},
    {Sampler::latin_hypercube, "latin_hypercube"},
    {Sampler::saltelli, "saltelli"},
}};
}  // namespace

std::string_view to_string(Sampler sampler) {
  for (const auto& [value, name] : kSamplerNames) {
    if (value == sampler) {
      return name;
    }
  }
  return "?";
}

std::optional<Sampler> sampler_from_string(std::string_view text) {
  for (const auto& [value, name] : kSamplerNames) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace migdip
