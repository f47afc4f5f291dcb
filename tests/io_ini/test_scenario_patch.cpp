// ScenarioTemplate::patch, the sweep's way to build a run's scenario: the base scenario with the
// plan's values patched in gives what rebuilding from the text with the same overrides gives
// (the same resolved text, the same where-written notes, the same results), for every key of
// every section of every shipped scenario: number keys patched, every other type (integer,
// boolean, date, choice, list, reference, text) rebuilt, values a key refuses reported as the
// rebuild reports them.

#include "io_ini/scenario_patch.h"
#include "support/same_bits.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "io_ini/ini_document.h"
#include "io_ini/key_table.h"
#include "io_ini/resolved_text.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/error.h"
#include "migdip/io/scenario_file.h"
#include "migdip/sweep/design.h"
#include "migdip/sweep/run_outputs.h"
#include "support/shipped_scenarios.h"

namespace migdip {
namespace {

using ini::ValueType;

using testing::shipped_scenarios;

bool same_items(const WrittenItem& a, const WrittenItem& b) {
  if (a.line != b.line || a.keys.size() != b.keys.size()) {
    return false;
  }
  for (std::size_t k = 0; k < a.keys.size(); ++k) {
    if (a.keys[k].name != b.keys[k].name || a.keys[k].line != b.keys[k].line ||
        a.keys[k].note != b.keys[k].note) {
      return false;
    }
  }
  return true;
}

bool same_items(const std::vector<WrittenItem>& a, const std::vector<WrittenItem>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_items(a[i], b[i])) {
      return false;
    }
  }
  return true;
}

bool same_sources(const SourceMap& a, const SourceMap& b) {
  return a.file == b.file && same_items(a.settings, b.settings) && same_items(a.model, b.model) &&
         same_items(a.diplomacy, b.diplomacy) && same_items(a.states, b.states) &&
         same_items(a.blocs, b.blocs) && same_items(a.corridors, b.corridors) &&
         same_items(a.pathways, b.pathways) && same_items(a.stocks, b.stocks) &&
         same_items(a.events, b.events) && same_items(a.instruments, b.instruments) &&
         same_items(a.negotiations, b.negotiations);
}

using testing::same_bits;

// The same CheckedScenario: the same resolved text (every key's value), the same notes of where
// each key was written, the same nationalities; with `simulate`, the same results too.
void expect_same(const CheckedScenario& patched, const CheckedScenario& rebuilt, bool simulate) {
  EXPECT_EQ(ini::resolved_text(*patched), ini::resolved_text(*rebuilt));
  EXPECT_TRUE(same_sources(patched->sources, rebuilt->sources));
  EXPECT_EQ(patched->nationality_states, rebuilt->nationality_states);
  if (simulate) {
    const std::vector<SeriesSelection> series = {{"states", "arrivals"}, {"states", "hosted"}};
    const RunOutputs a = simulate_run(patched, series);
    const RunOutputs b = simulate_run(rebuilt, series);
    EXPECT_TRUE(same_bits(a.metrics, b.metrics));
    for (std::size_t i = 0; i < series.size(); ++i) {
      EXPECT_TRUE(same_bits(a.series[i], b.series[i]));
    }
  }
}

// Another value the key accepts where it can (a different number, the other boolean, another
// choice), else the value as it is.
std::string other_value(const ini::KeySpec& spec, const std::string& value) {
  switch (spec.type) {
    case ValueType::number: {
      if (value == "unlimited") {
        return spec.range.contains(1e6) ? "1e6" : value;
      }
      const double number = ini::parse_number(value);
      for (double candidate : {number == 0 ? 0.5 : number * 1.1, number * 0.9, number + 1}) {
        if (std::isfinite(candidate) && candidate != number && spec.range.contains(candidate)) {
          return exact_text(candidate);
        }
      }
      return value;
    }
    case ValueType::integer: {
      const std::uint64_t number = ini::parse_unsigned(value);
      return spec.range.contains(static_cast<double>(number + 1)) ? std::to_string(number + 1)
                                                                  : value;
    }
    case ValueType::boolean:
      return ini::parse_bool(value) ? "false" : "true";
    case ValueType::choice:
      for (const std::string& choice : spec.choices) {
        if (choice != value) {
          return choice;
        }
      }
      return value;
    case ValueType::text:
    case ValueType::date:
    case ValueType::list:
    case ValueType::reference:
      return value;
  }
  return value;
}

std::string target_of(const ini::IniSection& section, const std::string& key) {
  return section.id.empty() ? section.kind + "." + key
                            : section.kind + "." + section.id + "." + key;
}

TEST(ScenarioPatch, GivesWhatRebuildingGivesForEveryKeyOfEveryShippedScenario) {
  const std::set<std::string> patched_kinds = {"scenario", "model",   "diplomacy", "state",
                                               "corridor", "pathway", "stock"};
  std::map<ValueType, int> keys_by_type;
  int patched = 0;
  int refused = 0;
  std::set<std::string> kinds_simulated;
  for (const std::string& path : shipped_scenarios()) {
    SCOPED_TRACE(path);
    const ScenarioTemplate scenario = ScenarioTemplate::from_file(path);
    // The resolved text lists every key of every section, defaults filled in.
    const ini::IniDocument resolved =
        ini::read_ini_document(ini::resolved_text(*scenario.base()), path);
    for (const ini::IniSection& section : resolved.sections) {
      const ini::SectionSpec* spec = ini::find_section_spec(section.kind);
      ASSERT_NE(spec, nullptr) << section.kind;
      for (const ini::IniEntry& entry : section.entries) {
        const ini::KeySpec* key = spec->find(entry.key);
        ASSERT_NE(key, nullptr) << entry.key;
        const std::string assignment =
            target_of(section, entry.key) + "=" + other_value(*key, entry.value);
        SCOPED_TRACE(assignment);
        ++keys_by_type[key->type];
        const std::vector<std::string> overrides = {assignment};
        std::optional<CheckedScenario> rebuilt;
        std::string refusal;
        try {
          rebuilt = scenario.rebuild(overrides);
        } catch (const InputError& error) {
          refusal = error.what();
        }
        const std::optional<CheckedScenario> patch = scenario.patch(overrides);
        if (!rebuilt) {
          ++refused;
          EXPECT_FALSE(patch.has_value());
          try {
            (void)scenario.build(overrides);
            ADD_FAILURE() << "build accepted what the rebuild refused: " << refusal;
          } catch (const InputError& error) {
            EXPECT_EQ(std::string(error.what()), refusal);
          }
          continue;
        }
        // Every number key of the sections patched is patched, and scenario.seed.
        const bool patchable =
            patched_kinds.contains(section.kind) && key->exclusive_with.empty() &&
            key->applies_to.empty() &&
            (key->type == ValueType::number || (section.kind == "scenario" && entry.key == "seed"));
        if (patchable && section.kind != "scenario" && section.kind != "model" &&
            section.kind != "diplomacy") {
          EXPECT_TRUE(patch.has_value()) << "not patched";
        }
        if (section.kind == "scenario" && entry.key == "seed") {
          EXPECT_TRUE(patch.has_value()) << "not patched";
        }
        if (!patchable) {
          EXPECT_FALSE(patch.has_value()) << "patched a key that is not one number";
        }
        const bool simulate = patch.has_value() && kinds_simulated.insert(section.kind).second;
        if (patch) {
          ++patched;
          expect_same(*patch, *rebuilt, simulate);
        }
        expect_same(scenario.build(overrides), *rebuilt, false);
      }
    }
  }
  // Every type of key was tried, and a good share of the keys were patched.
  for (ValueType type :
       {ValueType::text, ValueType::integer, ValueType::number, ValueType::boolean, ValueType::date,
        ValueType::choice, ValueType::list, ValueType::reference}) {
    EXPECT_GT(keys_by_type[type], 0) << static_cast<int>(type);
  }
  EXPECT_GT(patched, 1000);
  EXPECT_GE(kinds_simulated.size(), 5u);
  std::printf("%d keys patched, %d values refused, of %d\n", patched, refused, [&] {
    int total = 0;
    for (const auto& [type, count] : keys_by_type) {
      total += count;
    }
    return total;
  }());
}

// A sweep's run: several keys and the seed, patched together; later overrides win.
TEST(ScenarioPatch, ASweepRunsOverridesAndSeedGiveTheRebuiltScenarioAndResults) {
  const ScenarioTemplate scenario = ScenarioTemplate::from_file(
      MIGDIP_SOURCE_DIR "/scenarios/eastern-mediterranean-2015-2017.ini",
      std::vector<std::string>{"scenario.mode=stochastic"});
  const std::vector<std::string> overrides = {
      "state.TUR.exit_enforcement=0.4",   "state.GRC.entry_enforcement = 0.25",
      "corridor.TUR-GRC.mortality=0.002", "state.SYR.push_intensity=1.3",
      "model.choice_sensitivity=2",       "state.TUR.exit_enforcement=0.45",
      "scenario.seed=987654321"};
  const std::optional<CheckedScenario> patch = scenario.patch(overrides);
  ASSERT_TRUE(patch.has_value());
  const CheckedScenario rebuilt = scenario.rebuild(overrides);
  expect_same(*patch, rebuilt, true);
  EXPECT_EQ((*patch)->settings.seed, 987654321u);
  EXPECT_EQ((*patch)->states[*(*patch)->find_state("TUR")].lever(Lever::exit_enforcement), 0.45);
  // Not the base scenario: the patched values change the results.
  const RunOutputs base = simulate_run(scenario.base(), {});
  EXPECT_FALSE(same_bits(simulate_run(*patch, {}).metrics, base.metrics));
}

TEST(ScenarioPatch, RefusedAndMalformedValuesAreLeftToTheRebuild) {
  const ScenarioTemplate scenario = ScenarioTemplate::from_file(
      MIGDIP_SOURCE_DIR "/scenarios/eastern-mediterranean-2015-2017.ini");
  for (const char* text :
       {"state.TUR.exit_enforcement=2", "state.TUR.exit_enforcement=high", "state.XXX.population=1",
        "state.TUR.no_such_key=1", "state.TUR.population", "scenario.seed=-1", "scenario.seed=1.5",
        "corridor.TUR-GRC.travel_days=-3"}) {
    SCOPED_TRACE(text);
    const std::vector<std::string> overrides = {"state.SYR.push_intensity=1.2", text};
    EXPECT_FALSE(scenario.patch(overrides).has_value());
    std::string expected;
    try {
      (void)scenario.rebuild(overrides);
    } catch (const InputError& error) {
      expected = error.what();
    }
    ASSERT_FALSE(expected.empty());
    try {
      (void)scenario.build(overrides);
      ADD_FAILURE() << "accepted";
    } catch (const InputError& error) {
      EXPECT_EQ(std::string(error.what()), expected);
    }
  }
}

}  // namespace
}  // namespace migdip
