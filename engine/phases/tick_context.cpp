#include "phases/tick_context.h"

#include <algorithm>
#include <cmath>

#include "migdip/core/sampling.h"

namespace migdip {

TickContext::TickContext(const ScenarioSettings& settings, int tick, double tick_days,
                         int month_of_year)
    : seed_(settings.seed),
      run_(settings.run),
      mode_(settings.mode),
      tick_(tick),
      days_(tick_days),
      month_of_year_(month_of_year) {}

double TickContext::probability(double rate_per_month) const {
  return -std::expm1(-rate_per_month * months());
}

RandomStream TickContext::stream(std::uint32_t entity, DrawPurpose purpose) const {
  return RandomStream(StreamKey{.seed = seed_,
                                .run = run_,
                                .tick = static_cast<std::uint32_t>(tick_),
                                .entity = entity,
                                .purpose = purpose});
}

double TickContext::draw(double people, double probability, std::uint32_t entity,
                         DrawPurpose purpose) const {
  if (people <= 0 || probability <= 0) {
    return 0;
  }
  if (mode_ == SimulationMode::expected) {
    return people * std::min(probability, 1.0);
  }
  RandomStream random = stream(entity, purpose);
  return sample_binomial(random, people, std::min(probability, 1.0));
}

double TickContext::split(double people, std::span<const double> probabilities,
                          std::span<double> out, std::uint32_t entity, DrawPurpose purpose) const {
  if (mode_ == SimulationMode::expected) {
    double assigned = 0;
    for (std::size_t i = 0; i < probabilities.size(); ++i) {
      out[i] = people * probabilities[i];
      assigned += out[i];
    }
    return std::max(0.0, people - assigned);
  }
  RandomStream random = stream(entity, purpose);
  return sample_multinomial(random, people, probabilities, out);
}

double TickContext::whole(double people, std::uint32_t entity, DrawPurpose purpose) const {
  if (mode_ == SimulationMode::expected) {
    return people;
  }
  const double floor = std::floor(people);
  RandomStream random = stream(entity, purpose);
  return floor + (random.uniform() < people - floor ? 1.0 : 0.0);
}

}  // namespace migdip
