#include "migdip/sweep/design.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "migdip/core/error.h"
#include "migdip/core/random_stream.h"
#include "migdip/sweep/sobol_sequence.h"

namespace migdip {
namespace {

double parse_number(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return error == std::errc{} && stop == end ? value : std::numeric_limits<double>::quiet_NaN();
}

std::uint32_t low_word(std::uint64_t value) {
  return static_cast<std::uint32_t>(value);
}

// One uniform number on (0, 1) for one cell of a sampled matrix: a pure function of the plan
// seed, so any shard computes any point without drawing the ones before it.
double cell_uniform(std::uint64_t seed, std::uint32_t matrix, std::uint64_t row,
                    std::size_t parameter, DrawPurpose purpose) {
  RandomStream stream(
      {seed, matrix, low_word(row), static_cast<std::uint32_t>(parameter), purpose});
  return stream.uniform();
}

void add_point(SweepDesign& design, const std::vector<std::string>& texts) {
  for (const std::string& text : texts) {
    design.texts.push_back(text);
    design.values.push_back(parse_number(text));
  }
  ++design.points;
}

void sample_grid(const SweepPlan& plan, SweepDesign& design) {
  const std::size_t dimensions = plan.parameters.size();
  std::vector<std::size_t> level(dimensions, 0);
  std::vector<std::string> texts(dimensions);
  const std::uint64_t points = count_points(plan);
  for (std::uint64_t point = 0; point < points; ++point) {
    for (std::size_t j = 0; j < dimensions; ++j) {
      texts[j] = plan.parameters[j].levels[level[j]];
    }
    add_point(design, texts);
    // Odometer: the last parameter turns fastest.
    for (std::size_t j = dimensions; j-- > 0;) {
      if (++level[j] < plan.parameters[j].levels.size()) {
        break;
      }
      level[j] = 0;
    }
  }
}

void sample_list(const SweepPlan& plan, SweepDesign& design) {
  std::vector<std::string> texts(plan.parameters.size());
  for (std::size_t point = 0; point < plan.parameters.front().levels.size(); ++point) {
    for (std::size_t j = 0; j < plan.parameters.size(); ++j) {
      texts[j] = plan.parameters[j].levels.at(point);
    }
    add_point(design, texts);
  }
}

// McKay, Beckman and Conover (1979): each parameter's range is cut into `samples` equal strata,
// each stratum is used once, and strata are paired across parameters by random permutations.
void sample_latin_hypercube(const SweepPlan& plan, SweepDesign& design) {
  const std::size_t n = plan.samples;
  const std::size_t dimensions = plan.parameters.size();
  std::vector<std::vector<std::size_t>> stratum(dimensions, std::vector<std::size_t>(n));
  for (std::size_t j = 0; j < dimensions; ++j) {
    std::iota(stratum[j].begin(), stratum[j].end(), std::size_t{0});
    RandomStream order(
        {plan.seed, 0, 0, static_cast<std::uint32_t>(j), DrawPurpose::latin_hypercube_order});
    for (std::size_t i = n; i-- > 1;) {  // Fisher-Yates
      const auto k = static_cast<std::size_t>(order.uniform() * static_cast<double>(i + 1));
      std::swap(stratum[j][i], stratum[j][std::min(k, i)]);
    }
  }
  std::vector<std::string> texts(dimensions);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < dimensions; ++j) {
      const double u = cell_uniform(plan.seed, 0, i, j, DrawPurpose::latin_hypercube_position);
      const double unit = (static_cast<double>(stratum[j][i]) + u) / static_cast<double>(n);
      texts[j] = exact_text(scale_unit(plan.parameters[j], unit));
    }
    add_point(design, texts);
  }
}

// Saltelli (2002), Saltelli et al. (2010), on a Sobol' sequence of 2d dimensions whose first d
// coordinates are row i of A and last d row i of B, in the row order of SALib's
// SALib.sample.sobol.sample: for each base sample i, the group A_i, A_B^(1..d)_i (A_i with
// column j from B_i), with second order B_A^(1..d)_i (B_i with column j from A_i), then B_i.
// python/migdip/sobol.py (and SALib.analyze.sobol) read the outputs in this order.
void sample_saltelli(const SweepPlan& plan, SweepDesign& design) {
  const std::size_t dimensions = plan.parameters.size();
  const SobolSequence sequence =
      plan.scramble ? SobolSequence(2 * dimensions, plan.seed) : SobolSequence(2 * dimensions);
  std::vector<double> base(2 * dimensions);
  std::vector<std::string> a(dimensions);
  std::vector<std::string> b(dimensions);
  std::vector<std::string> texts(dimensions);
  for (std::uint64_t i = 0; i < plan.samples; ++i) {
    sequence.point(i, base);
    for (std::size_t j = 0; j < dimensions; ++j) {
      a[j] = exact_text(scale_unit(plan.parameters[j], base[j]));
      b[j] = exact_text(scale_unit(plan.parameters[j], base[dimensions + j]));
    }
    add_point(design, a);
    for (std::size_t swapped = 0; swapped < dimensions; ++swapped) {
      texts = a;
      texts[swapped] = b[swapped];
      add_point(design, texts);
    }
    if (plan.second_order) {
      for (std::size_t swapped = 0; swapped < dimensions; ++swapped) {
        texts = b;
        texts[swapped] = a[swapped];
        add_point(design, texts);
      }
    }
    add_point(design, b);
  }
}

// Morris (1991) as SALib.sample.morris.sample builds it (Campolongo et al. 2007's B* matrix):
// each trajectory starts at a random point x* of the lower half of a grid of p levels per
// parameter, 0, 1/(p-1), ..., 1, then moves one parameter at a time, in a random order, by
// delta = p / (2 (p - 1)) up or down (the parameter's random direction; down starts it in the
// upper half). Rows: trajectory after trajectory, d + 1 rows each.
void sample_morris(const SweepPlan& plan, SweepDesign& design) {
  const std::size_t dimensions = plan.parameters.size();
  const std::uint64_t levels = plan.morris_levels;
  const std::uint64_t half = levels / 2;  // delta, in grid steps
  std::vector<std::size_t> order(dimensions);
  std::vector<std::uint64_t> start(dimensions);
  std::vector<bool> upward(dimensions);
  std::vector<std::string> texts(dimensions);
  for (std::uint64_t trajectory = 0; trajectory < plan.samples; ++trajectory) {
    RandomStream stream({plan.seed, low_word(trajectory), 0, 0, DrawPurpose::morris_trajectory});
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = dimensions; i-- > 1;) {  // Fisher-Yates: order[step] moves at step+1
      const auto k = static_cast<std::size_t>(stream.uniform() * static_cast<double>(i + 1));
      std::swap(order[i], order[std::min(k, i)]);
    }
    for (std::size_t j = 0; j < dimensions; ++j) {
      upward[j] = (stream.next_u32() & 1U) != 0;
      start[j] = std::min(static_cast<std::uint64_t>(stream.uniform() * static_cast<double>(half)),
                          half - 1);
    }
    std::vector<std::size_t> step_of(dimensions);
    for (std::size_t step = 0; step < dimensions; ++step) {
      step_of[order[step]] = step;
    }
    for (std::size_t row = 0; row <= dimensions; ++row) {
      for (std::size_t j = 0; j < dimensions; ++j) {
        const bool moved = step_of[j] < row;
        const std::uint64_t level = start[j] + (moved == upward[j] ? half : 0);
        const double unit = static_cast<double>(level) / static_cast<double>(levels - 1);
        texts[j] = exact_text(scale_unit(plan.parameters[j], unit));
      }
      add_point(design, texts);
    }
  }
}

}  // namespace

std::vector<std::string> SweepDesign::overrides(std::size_t point) const {
  std::vector<std::string> result;
  result.reserve(keys.size());
  for (std::size_t j = 0; j < keys.size(); ++j) {
    result.push_back(keys[j] + "=" + text(point, j));
  }
  return result;
}

std::uint64_t count_points(const SweepPlan& plan) {
  if (plan.parameters.empty()) {
    return 0;
  }
  switch (plan.sampler) {
    case Sampler::grid: {
      std::uint64_t points = 1;
      for (const SweepParameter& parameter : plan.parameters) {
        points = saturating_product(points, parameter.levels.size());
      }
      return points;
    }
    case Sampler::list:
      return plan.parameters.front().levels.size();
    case Sampler::latin_hypercube:
      return plan.samples;
    case Sampler::saltelli:
      return saturating_product(
          plan.samples, (plan.second_order ? 2 : 1) * std::uint64_t{plan.parameters.size()} + 2);
    case Sampler::morris:
      return saturating_product(plan.samples, plan.parameters.size() + 1);
  }
  return 0;
}

double scale_unit(const SweepParameter& parameter, double unit) {
  switch (parameter.distribution) {
    case Distribution::uniform:
      return parameter.low + (parameter.high - parameter.low) * unit;
    case Distribution::log_uniform: {
      // The ends exactly, which exp(log(x)) may miss by an ulp; rounding never leaves the range.
      if (unit <= 0) {
        return parameter.low;
      }
      if (unit >= 1) {
        return parameter.high;
      }
      const double log_low = std::log(parameter.low);
      const double value = std::exp(log_low + (std::log(parameter.high) - log_low) * unit);
      return std::clamp(value, parameter.low, parameter.high);
    }
  }
  return parameter.low;
}

std::string count_text(std::uint64_t count) {
  return count == kSaturated ? "2^64 or more" : std::to_string(count);
}

SweepDesign sample_design(const SweepPlan& plan) {
  const std::uint64_t points = count_points(plan);
  if (points == 0 || points > kMaxSweepPoints) {
    throw InputError(
        {}, "the plan gives " + count_text(points) + " points; a sweep needs between 1 and 2^32");
  }
  SweepDesign design;
  for (const SweepParameter& parameter : plan.parameters) {
    design.keys.push_back(parameter.key);
  }
  design.texts.reserve(points * design.keys.size());
  design.values.reserve(points * design.keys.size());
  switch (plan.sampler) {
    case Sampler::grid:
      sample_grid(plan, design);
      break;
    case Sampler::list:
      sample_list(plan, design);
      break;
    case Sampler::latin_hypercube:
      sample_latin_hypercube(plan, design);
      break;
    case Sampler::saltelli:
      sample_saltelli(plan, design);
      break;
    case Sampler::morris:
      sample_morris(plan, design);
      break;
  }
  return design;
}

std::uint64_t design_bytes_per_point(const SweepPlan& plan) {
  // A text longer than the string's inline buffer also takes a heap block of its length.
  auto text_bytes = [](std::size_t length) -> std::uint64_t {
    constexpr std::size_t kInline = 15;
    constexpr std::size_t kHeapHeader = 8;
    constexpr std::size_t kHeapAlignment = 16;
    const std::size_t heap = length <= kInline ? 0
                                               : (length + 1 + kHeapHeader + kHeapAlignment - 1) /
                                                     kHeapAlignment * kHeapAlignment;
    return sizeof(std::string) + heap;
  };
  constexpr std::size_t kLongestNumberText = 24;  // "-1.2345678901234567e-308"
  std::uint64_t bytes = 0;
  for (const SweepParameter& parameter : plan.parameters) {
    std::size_t longest = parameter.levels.empty() ? kLongestNumberText : 0;
    for (const std::string& level : parameter.levels) {
      longest = std::max(longest, level.size());
    }
    bytes += text_bytes(longest) + sizeof(double);
  }
  return bytes;
}

std::uint64_t estimate_design_memory(const SweepPlan& plan) {
  constexpr std::uint64_t kScratchBytes = 64 * 1024;  // the keys, one point's texts, counters
  const std::uint64_t points = count_points(plan);
  std::uint64_t bytes =
      saturating_sum(kScratchBytes, saturating_product(points, design_bytes_per_point(plan)));
  if (plan.sampler == Sampler::latin_hypercube) {
    const std::uint64_t strata = saturating_product(
        saturating_product(plan.samples, plan.parameters.size()), sizeof(std::size_t));
    bytes = saturating_sum(bytes, strata);
  }
  return bytes;
}

std::string exact_text(double value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (error != std::errc{}) {
    throw InternalError("cannot format a sampled number");
  }
  return std::string(buffer, end);
}

std::uint64_t run_seed(std::uint64_t plan_seed, std::uint64_t point, std::uint64_t replicate) {
  RandomStream stream({plan_seed, static_cast<std::uint32_t>(replicate),
                       static_cast<std::uint32_t>(point >> 32), low_word(point),
                       DrawPurpose::sweep_run_seed});
  const std::uint64_t high = stream.next_u32();
  // The top 53 of the 64 bits drawn: a seed at most kMaxSeed, exact as a double.
  return ((high << 32) | stream.next_u32()) >> 11;
}

}  // namespace migdip
