#include "migdip/sweep/sweep_plan.h"

#include <array>

namespace migdip {
namespace {
constexpr std::array<std::pair<Sampler, std::string_view>, 5> kSamplerNames = {{
    {Sampler::grid, "grid"},
    {Sampler::list, "list"},
    {Sampler::latin_hypercube, "latin_hypercube"},
    {Sampler::saltelli, "saltelli"},
    {Sampler::morris, "morris"},
}};
constexpr std::array<std::pair<Distribution, std::string_view>, 2> kDistributionNames = {{
    {Distribution::uniform, "uniform"},
    {Distribution::log_uniform, "log_uniform"},
}};

template <typename Enum, std::size_t Size>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, Size>& names,
                         Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) {
      return name;
    }
  }
  return "?";
}

template <typename Enum, std::size_t Size>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, Size>& names,
                             std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}
}  // namespace

std::string_view to_string(Sampler sampler) {
  return name_of(kSamplerNames, sampler);
}

std::optional<Sampler> sampler_from_string(std::string_view text) {
  return value_of(kSamplerNames, text);
}

std::string_view to_string(Distribution distribution) {
  return name_of(kDistributionNames, distribution);
}

std::optional<Distribution> distribution_from_string(std::string_view text) {
  return value_of(kDistributionNames, text);
}

}  // namespace migdip
