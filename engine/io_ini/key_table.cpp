#include "io_ini/key_table.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "io_ini/spec_fields.h"
#include "io_ini/strategic_input_fields.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/error.h"
#include "migdip/core/random_stream.h"
#include "migdip/scenario/bloc_spec.h"
#include "migdip/world/migrant_status.h"

namespace migdip::ini {
namespace {

// Fluent construction keeps each table row on a line or two and names every field it sets.
class Key {
 public:
  Key(std::string name, ValueType type, std::string description) {
    spec_.name = std::move(name);
    spec_.type = type;
    spec_.description = std::move(description);
  }
  explicit Key(KeySpec spec) : spec_(std::move(spec)) {}
  Key& description(std::string text) {
    spec_.description = std::move(text);
    return *this;
  }
  Key& type_note(std::string note) {
    spec_.type_note = std::move(note);
    return *this;
  }
  Key& unit(std::string unit) {
    spec_.unit = std::move(unit);
    return *this;
  }
  Key& required() {
    spec_.required = true;
    return *this;
  }
  Key& default_value(std::string text) {
    spec_.default_text = std::move(text);
    return *this;
  }
  Key& default_note(std::string note) {
    spec_.default_note = std::move(note);
    return *this;
  }
  Key& range(Range range) {
    spec_.range = range;
    return *this;
  }
  Key& range_note(std::string note) {
    spec_.range_note = std::move(note);
    return *this;
  }
  Key& unlimited() {
    spec_.unlimited = true;
    return *this;
  }
  Key& choices(std::vector<std::string> words) {
    spec_.choices = std::move(words);
    return *this;
  }
  Key& applies_to(std::vector<std::string> types) {
    spec_.applies_to = std::move(types);
    return *this;
  }
  Key& exclusive_with(std::string other) {
    spec_.exclusive_with = std::move(other);
    return *this;
  }
  operator KeySpec() const { return spec_; }  // NOLINT: the builder converts implicitly

 private:
  KeySpec spec_;
};

Key number(std::string name, std::string unit, std::string default_text, Range range,
           std::string description) {
  return Key(std::move(name), ValueType::number, std::move(description))
      .unit(std::move(unit))
      .default_value(std::move(default_text))
      .range(range);
}

Key share(std::string name, std::string unit, std::string default_text, std::string description) {
  return number(std::move(name), std::move(unit), std::move(default_text), Range::closed(0, 1),
                std::move(description));
}

std::string model_default(std::string_view key) {
  const ModelParameters defaults;
  for (const auto& field : kModelFields) {
    if (field.key == key) {
      return format_number(defaults.*field.member);
    }
  }
  throw InternalError("no ModelParameters field for key '" + std::string(key) + "'");
}

Key model(std::string name, std::string unit, Range range, std::string description) {
  std::string default_text = model_default(name);
  return number(std::move(name), std::move(unit), std::move(default_text), range,
                std::move(description));
}

// The default of a numeric key as its struct initialises it, so the table cannot drift from
// the struct.
template <typename Spec, std::size_t N>
std::string struct_default(const std::array<NumberField<Spec>, N>& fields, std::string_view key) {
  const Spec defaults{};
  for (const auto& field : fields) {
    if (field.key == key) {
      return format_number(defaults.*field.member);
    }
  }
  throw InternalError("no struct field for key '" + std::string(key) + "'");
}

template <typename Spec, std::size_t N>
Key struct_key(const std::array<NumberField<Spec>, N>& fields, std::string name, std::string unit,
               Range range, std::string description) {
  std::string default_text = struct_default(fields, name);
  return number(std::move(name), std::move(unit), std::move(default_text), range,
                std::move(description));
}

// The names of the instrument types a key applies to, in enum order.
std::vector<std::string> instrument_type_names(bool (*uses_key)(InstrumentType)) {
  std::vector<std::string> names;
  for (const InstrumentTraits& row : kInstrumentTypes) {
    if (uses_key(row.type)) {
      names.emplace_back(row.name);
    }
  }
  return names;
}

std::vector<std::string> all_instrument_type_names() {
  return instrument_type_names([](InstrumentType) { return true; });
}

std::vector<std::string> event_type_names() {
  std::vector<std::string> names;
  for (EventType type : kEventTypes) {
    names.emplace_back(to_string(type));
  }
  return names;
}

std::vector<std::string> parameter_names() {
  std::vector<std::string> names;
  for (Lever parameter : event_parameters()) {
    names.emplace_back(to_string(parameter));
  }
  for (const StanceTraits& stance : kStanceParameters) {
    names.emplace_back(stance.name);
  }
  return names;
}

Range range_of(const LeverRange& lever_range) {
  Range range;
  range.low = lever_range.low;
  range.low_open = lever_range.low_open;
  range.high = lever_range.high;
  return range;
}

KeySpec lever_key(const LeverTraits& lever) {
  const bool unlimited_default = lever.range.unlimited && std::isinf(lever.initial);
  Key key = number(std::string(lever.name), std::string(key_unit(lever.quantity)),
                   unlimited_default ? "unlimited" : format_number(lever.initial),
                   range_of(lever.range), std::string(lever.description));
  if (lever.range.unlimited) {
    key.unlimited();
  }
  return key;
}

// "Exit enforcement" for exit_enforcement.
std::string spoken_name(const LeverTraits& lever) {
  std::string text(lever.name);
  std::replace(text.begin(), text.end(), '_', ' ');
  text.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(text.front())));
  return text;
}

// The levers a new government chooses, as the reference names them: "`a` and `b`".
std::string coup_choice_list() {
  std::vector<std::string> names;
  for (const LeverTraits& lever : levers_of(LeverOwner::state)) {
    if (lever.coup_choice) {
      names.push_back("`" + std::string(lever.name) + "`");
    }
  }
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  }
  return text;
}

// Inserts the keys of an owner's keyed levers among the section's other keys, each after the
// key its row names (which may be another lever's).
void add_lever_keys(LeverOwner owner, std::vector<KeySpec>& keys) {
  std::vector<const LeverTraits*> pending;
  for (const LeverTraits& lever : levers_of(owner)) {
    if (lever.keyed) {
      pending.push_back(&lever);
    }
  }
  while (!pending.empty()) {
    const std::size_t before = pending.size();
    std::erase_if(pending, [&](const LeverTraits* lever) {
      auto after = std::find_if(keys.begin(), keys.end(), [&](const KeySpec& key) {
        return key.name == lever->listed_after;
      });
      if (after == keys.end()) {
        return false;
      }
      keys.insert(after + 1, lever_key(*lever));
      return true;
    });
    if (pending.size() == before) {
      throw InternalError("lever '" + std::string(pending.front()->name) + "' is listed after '" +
                          std::string(pending.front()->listed_after) +
                          "', which is not a key of its section");
    }
  }
}

// A corridor's own value of each keyed state lever acting at a border: absent, the corridor
// follows the state on that side.
void add_border_keys(std::vector<KeySpec>& keys) {
  for (const LeverTraits& lever : levers_of(LeverOwner::state)) {
    if (lever.border == Border::none || !lever.keyed) {
      continue;
    }
    const std::string side = lever.border == Border::exit ? "`from`" : "`to`";
    keys.push_back(Key(lever_key(lever))
                       .default_value("")
                       .default_note("the " + side + " state's")
                       .description(std::string(lever.description) +
                                    " This border's own value: it overrides the " + side +
                                    " state's on this corridor only."));
  }
}

SectionSpec scenario_section() {
  SectionSpec section;
  section.kind = "scenario";
  section.header = "[scenario]";
  section.singleton = true;
  section.required = true;
  section.description =
      "What the run is called, when it starts, how long it lasts and how it "
      "draws random numbers.";
  section.keys = {
      Key("name", ValueType::text, "Name of the scenario, written into the results.").required(),
      Key("description", ValueType::text, "Free text describing the scenario.")
          .default_note("empty"),
      Key("start_date", ValueType::date, "First day of the first tick.").required(),
      Key("ticks", ValueType::integer, "Number of ticks to simulate. Give `ticks` or `end_date`.")
          .required()
          .range(Range::at_least(1))
          .exclusive_with("end_date"),
      Key("end_date", ValueType::date,
          "Last simulated day, inclusive: the run holds every tick that starts on or before it. "
          "Not before `start_date`. Give `ticks` or `end_date`.")
          .required()
          .exclusive_with("ticks"),
      Key("tick_length", ValueType::choice,
          "Length of a tick; monthly ticks follow calendar months.")
          .default_value("month")
          .choices({"day", "week", "month"}),
      Key("seed", ValueType::integer,
          "Seed of every random stream (used in stochastic mode); at most 2^53, so that it is "
          "exact wherever it is read as a double.")
          .default_value("1")
          .range(Range::closed(0, static_cast<double>(kMaxSeed))),
      Key("run", ValueType::integer,
          "Index of the run within a batch; part of every random stream key.")
          .default_value("0")
          .range(Range::closed(0, 4294967295.0)),
      Key("mode", ValueType::choice,
          "`expected` moves the expected fraction of every cohort; `stochastic` draws whole "
          "people from binomial and multinomial distributions.")
          .default_value("expected")
          .choices({"expected", "stochastic"}),
  };
  return section;
}

SectionSpec model_section() {
  SectionSpec section;
  section.kind = "model";
  section.header = "[model]";
  section.singleton = true;
  section.description =
      "Behavioural coefficients shared by every state and migrant (docs/model.md gives the "
      "equation each one enters). Emigration hazard: h = emigration_rate * (1 + "
      "push_elasticity * push) * (y_max / y_origin)^income_elasticity * (1 + network_elasticity "
      "* abroad / population).";
  const Range non_negative = Range::at_least(0);
  section.keys = {
      model("push_elasticity", "", non_negative,
            "Response of the emigration hazard to push intensity."),
      model("income_elasticity", "", non_negative,
            "Exponent of the income ratio y_max / y_origin in the emigration hazard."),
      model("network_elasticity", "", non_negative,
            "Response of the emigration hazard to the share of nationals already abroad."),
      model("choice_sensitivity", "", Range::above(0),
            "Logit scale (beta) of the choice between staying and each open onward corridor."),
      model("continuation_discount", "", Range::half_open(0, 1),
            "Weight of the value of the next state in route choice (delta)."),
      model("route_value_tolerance", "", Range::open(0, 0.01),
            "Route values are solved until their last sweep moves no choice probability by more "
            "than this relative amount (docs/model.md 7.6.4)."),
      model("income_weight", "utility", non_negative, "Utility per unit log income ratio."),
      model("protection_weight", "utility", non_negative, "Utility of certain protection."),
      model("network_weight", "utility", non_negative,
            "Utility per unit log(1 + nationals present / network_scale)."),
      model("network_scale", "people", Range::above(0),
            "Number of nationals present at which the network term reaches log 2."),
      model("cost_weight", "utility", non_negative, "Utility per 1000 EUR of corridor cost."),
      model("time_weight", "utility", non_negative, "Utility per month of travel."),
      model("risk_weight", "utility", non_negative, "Utility per unit probability of death."),
      model("interception_weight", "utility", non_negative,
            "Utility per unit probability of interception."),
      model("route_substitution", "", Range::half_open(0, 1),
            "How close substitutes the onward corridors are: they form one nest of the logit "
            "with scale 1 - route_substitution. 0: plain logit; towards 1, people turned away "
            "from one route take another rather than stay or go home."),
      model("transit_reconsider_rate", "1/month", non_negative,
            "How often people in transit reconsider where they are."),
      model("hosted_reconsider_rate", "1/month", non_negative,
            "How often people hosted in camps or reception reconsider where they are."),
      model("home_weight", "", non_negative,
            "Weight of going home among the options of everyone who reconsiders (at home: "
            "giving up); ln(home_weight) / choice_sensitivity acts as a utility of being home. "
            "0: no such option."),
      model("repatriation_rate", "1/month", non_negative,
            "How often people protected abroad weigh going home against staying; 0: never."),
      model("home_push_weight", "utility", non_negative,
            "Utility lost at home per unit of the origin's push intensity."),
      model("belief_lag_days", "days", non_negative,
            "Migrants decide on beliefs about each corridor's mortality and interception and "
            "each state's recognition rate, which see the truth this many days late (rounded to "
            "whole ticks). 0 (with belief_memory_days 0): beliefs are the truth."),
      model("belief_memory_days", "days", non_negative,
            "E-folding memory of beliefs: each tick they move a share 1 - exp(-tick days / "
            "belief_memory_days) of the way to what is observed (and announced or rumoured). "
            "0: they move all the way."),
      model("enforcement_risk_elasticity", "", non_negative,
            "Enforcement displaces crossings onto riskier paths: mortality = base * (1 + "
            "enforcement_risk_elasticity * (exit + entry enforcement))."),
      model("surge_cost_cut", "", Range::closed(0, 1),
            "In an engineered surge with facilitation f, corridor cost is cut by "
            "surge_cost_cut * f (exit interception is cut by f)."),
      model("surge_mobilisation", "", non_negative,
            "In an engineered surge, reconsideration rates are raised by (1 + "
            "surge_mobilisation * f)."),
      model("price_enforcement_elasticity", "", non_negative,
            "Smuggling market: a crossing's price is multiplied by (1 + "
            "price_enforcement_elasticity * (exit + entry interception))."),
      model("price_demand_elasticity", "", non_negative,
            "Smuggling market: a crossing's price is multiplied by (1 + price_demand_elasticity "
            "* recent demand / capacity); no effect on corridors of unlimited capacity."),
      model("labour_shed_rate", "1/month", non_negative,
            "While a state's labour_demand D is below 1, its migrant workers (legal and hosted "
            "people of other nationalities) lose their place at hazard labour_shed_rate * (1 - "
            "D)."),
      model("labour_return_share", "share", Range::closed(0, 1),
            "Share of displaced migrant workers who go home; the rest join the pool where they "
            "are."),
      model("labour_demand_weight", "utility", non_negative,
            "Utility of settling in a state lost per unit fall of its labour_demand below 1."),
      model("salience_memory_days", "days", Range::above(0),
            "E-folding memory of migration salience: s <- s * exp(-days / "
            "salience_memory_days) + salience_gain * arrivals per 100k population."),
      model("salience_gain", "", non_negative, "Salience added per arrival per 100k population."),
      model("salience_death_gain", "", non_negative,
            "Salience added per death on the corridors into a state per 100k of its population "
            "(observed one tick late, like arrivals)."),
      Key(std::string(kSeaSeasonalityKey), ValueType::list,
          "Monthly factors (each >= 0), January to December, on the share of departures that set "
          "out on sea corridors; those held back stay where they are.")
          .type_note("12 numbers")
          .default_value("1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1")
          .range(Range::at_least(0)),
  };
  return section;
}

SectionSpec outputs_section() {
  SectionSpec section;
  section.kind = "outputs";
  section.header = "[outputs]";
  section.singleton = true;
  section.description =
      "What the results file holds and how: which series, per tick or aggregated over months, "
      "years or the run, in which precision and compression (docs/results-format.md, "
      "\"Declared outputs\"). Every key can be given on the command line as "
      "`--set outputs.KEY=VALUE`.";
  section.keys = {
      Key("stocks_by_location", ValueType::boolean,
          "Record nationality x state x status stocks every tick (large).")
          .default_value("false"),
      Key("variables", ValueType::list,
          "Series to write: `group/variable`, `group` or `group/*` (every series of the group), "
          "e.g. `states, corridors/arrivals`. A (time, corridor, nationality) series above "
          "`large_series_limit` is written only when named as `group/variable`.")
          .type_note("list of series names")
          .default_note("every standard series"),
      Key("exclude", ValueType::list,
          "Series not to write, named as in `variables`; it wins over `variables`.")
          .type_note("list of series names")
          .default_note("none"),
      Key("interval", ValueType::choice,
          "Span each written value covers: every tick, or calendar months, calendar years or the "
          "whole run. Flows are summed over the interval (people/tick becomes people/month, "
          "people/year, or people for the run), stocks are taken at its end, levels, shares and "
          "rates are averaged over its ticks; a tick belongs to the interval of its first day.")
          .default_value("tick")
          .choices({"tick", "month", "year", "run"}),
      Key("precision", ValueType::choice,
          "Floating-point type of the stored series (coordinates stay float64); float32 rounds "
          "each value to the nearest float and halves the bytes.")
          .default_value("float64")
          .choices({"float64", "float32"}),
      Key("compression", ValueType::choice,
          "Deflate level of the stored series, 0 (none) to 9; `auto`: none for a series of fewer "
          "than 65,536 values, where compressing costs more than it saves, 4 otherwise. The "
          "values are the same whatever the level.")
          .default_value("auto")
          .choices({"auto", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}),
      Key("large_series_limit", ValueType::integer,
          "The (time, corridor, nationality) series are written by default only while corridors "
          "x nationalities is at most this; above it, only those named in `variables`.")
          .unit("values per tick")
          .default_value("10000")
          .range(Range::at_least(0)),
  };
  return section;
}

// What a state wants, in EUR per month ([state ID] only).
std::vector<KeySpec> preference_keys() {
  const Range non_negative = Range::at_least(0);
  const auto& fields = kPreferenceFields;
  return {
      struct_key(fields, "arrival_cost", "EUR per arrival", non_negative,
                 "Strategic layer: the political cost of an irregular arrival at zero salience."),
      struct_key(fields, "salience_weight", "", non_negative,
                 "An arrival costs arrival_cost * (1 + salience_weight * (1 + polarisation) * "
                 "salience)."),
      struct_key(
          fields, "polarisation", "", non_negative,
          "How divided the public is (0 not at all, 1 deeply). Raises the cost of salience and "
          "of hard counter-moves."),
      struct_key(fields, "enforcement_cost", "EUR per person", non_negative,
                 "Cost of each person intercepted on exit or entry."),
      struct_key(fields, "hosting_cost", "EUR per person per month", non_negative,
                 "Cost of each person hosted or in transit in the state."),
      struct_key(fields, "hypocrisy_cost", "EUR per person", non_negative,
                 "Cost of each person pushed back, times democracy * (1 + polarisation): the "
                 "hypocrisy cost of violating norms a liberal state professes."),
      struct_key(fields, "remittance_per_worker", "EUR/month per worker", non_negative,
                 "Remittances from each national abroad on a labour pathway."),
      struct_key(fields, "labour_value", "EUR/month per worker", non_negative,
                 "Value of each worker arriving on a labour pathway."),
      struct_key(fields, "substitution_months", "months", non_negative,
                 "Time it takes to replace workers lost to a deployment ban (0: at once)."),
  };
}

// How a state's government answers to its public ([state ID] only; docs/model.md 7.3).
std::vector<KeySpec> domestic_politics_keys() {
  const Range share_range = Range::closed(0, 1);
  const Range non_negative = Range::at_least(0);
  const auto& fields = kDomesticPoliticsFields;
  return {
      struct_key(fields, "pressure_salience", "", non_negative,
                 "Salience at which migration is half the government's agenda: pressure theta = "
                 "salience / (salience + pressure_salience) weighs the costs of arrivals and of "
                 "hosting people in its bargaining (0: off, full weight at any salience)."),
      struct_key(fields, "approval", "share", share_range,
                 "Approval of the government at zero pressure; it falls to approval * (1 - theta) "
                 "(unchanged when pressure_salience is 0)."),
      struct_key(fields, "fall_below_approval", "share", share_range,
                 "The government falls at an election when its approval is below this (0: "
                 "never). A fall voids its deals and transfers, as a `coup` does."),
      struct_key(fields, "election_cycle_months", "months", non_negative,
                 "Months between elections after `next_election` (or after the start without "
                 "it); 0: only `next_election`."),
      struct_key(fields, "successor_arrival_cost", "", non_negative,
                 "A government that falls at an election is replaced by one that prices an "
                 "arrival this many times its predecessor did."),
  };
}

// How a state or a bloc bargains ([state ID] and [bloc ID]).
std::vector<KeySpec> conduct_keys() {
  const Range share_range = Range::closed(0, 1);
  const Range non_negative = Range::at_least(0);
  const auto& fields = kConductFields;
  return {
      struct_key(fields, "bargaining_power", "", share_range,
                 "Strategic layer: Nash bargaining power against any partner (`nash` protocol)."),
      struct_key(fields, "patience", "1/month", Range::above(0),
                 "Discount rate per month (`rubinstein` protocol): the higher, the less patient."),
      Key("next_election", ValueType::date,
          "Day of the next election: a near one makes the government impatient. It counts from "
          "the start of the tick containing the day, which must fall inside the run.")
          .default_note("none"),
      struct_key(fields, "reputation", "", share_range,
                 "Initial reputation for carrying out its threats."),
      struct_key(fields, "democracy", "", share_range, "Scales audience and hypocrisy costs."),
      struct_key(fields, "audience_cost", "EUR", non_negative,
                 "Domestic cost, paid once, of backing down from an announced threat (times "
                 "democracy)."),
      struct_key(fields, "reputation_stake", "EUR", non_negative,
                 "What it would give up not to lose reputation by abandoning a threat."),
      struct_key(fields, "compliance", "share", share_range,
                 "Share of its commitments it delivers."),
      struct_key(fields, "leakage", "share", share_range,
                 "Share of the money it receives under deals that never reaches the programmes it "
                 "pays for (the regime keeps it): commitments are delivered in proportion to the "
                 "rest."),
  };
}

// The budget line a state's or a bloc's payments come out of (7.5.3).
std::vector<KeySpec> budget_keys() {
  return {
      number("budget", "EUR", "unlimited", Range::at_least(0),
             "Strategic layer: money on its budget line when the run starts. Deal payments it "
             "makes and transfers it pays come out of it; a deal it can no longer pay ends "
             "(breached), and a transfer stops.")
          .unlimited(),
      struct_key(kBudgetFields, "budget_per_year", "EUR per year", Range::at_least(0),
                 "Added to its budget line every year, pro rata per tick (unspent money stays)."),
  };
}

// Root-causes aid and the initial salience ([state ID] only).
std::vector<KeySpec> state_start_keys() {
  return {
      number("initial_salience", "", "0", Range::at_least(0),
             "Public salience of migration when the run starts."),
      struct_key(kAidFields, "aid_push_effect", "1 per EUR/month", Range::at_least(0),
                 "Root-causes aid: push intensity taken off per EUR per month of aid felt, where "
                 "aid is the money it receives (transfers and deal payments, less leakage)."),
      struct_key(kAidFields, "aid_push_lag_months", "months", Range::above(0),
                 "E-folding time over which aid received comes to be felt "
                 "(`aid_push_effect`)."),
  };
}

SectionSpec state_section() {
  SectionSpec section;
  section.kind = "state";
  section.header = "[state ID]";
  section.description =
      "A state as it is at the start of the run. Every scenario needs at least one. Rates are "
      "hazards per month; probabilities and shares are in [0, 1]. The keys from `arrival_cost` "
      "on describe the state in the strategic layer, and matter only when it sits at a "
      "negotiation: what it wants, in EUR per month, and how it bargains. Their defaults make "
      "a state care about money alone.";
  section.keys = {
      Key("name", ValueType::text, "Display name.").default_note("the id"),
      Key("roles", ValueType::list,
          "Roles the state plays, comma-separated, at least one. `origin` makes its people a "
          "nationality of the model; `destination` gives it an asylum system.")
          .required()
          .choices({"origin", "transit", "destination"}),
      number("population", "people", "", Range::above(0), "Resident population.").required(),
      number("income_per_head", "EUR per person per year", "", Range::above(0), "Income per head.")
          .required(),
      number("emigration_rate", "1/month", "0", Range::at_least(0),
             "Base hazard of leaving when push_intensity is 0."),
      share("protection_need", "share", "0",
            "Share of its nationals with a well-founded protection claim."),
      number("policy_lag_days", "days", "0", Range::at_least(0),
             "E-folding time for enforcement to reach a new target."),
      Key("offshore_state", ValueType::reference,
          "Third state to which it transfers arrivals for hosting or processing, within "
          "`offshore_capacity`.")
          .type_note("state id")
          .default_note("none"),
  };
  add_lever_keys(LeverOwner::state, section.keys);
  for (KeySpec& key : preference_keys()) {
    section.keys.push_back(std::move(key));
  }
  for (KeySpec& key : domestic_politics_keys()) {
    section.keys.push_back(std::move(key));
  }
  for (KeySpec& key : conduct_keys()) {
    section.keys.push_back(std::move(key));
  }
  for (KeySpec& key : budget_keys()) {
    section.keys.push_back(std::move(key));
  }
  for (KeySpec& key : state_start_keys()) {
    section.keys.push_back(std::move(key));
  }
  return section;
}

SectionSpec bloc_section() {
  SectionSpec section;
  section.kind = "bloc";
  section.header = "[bloc ID]";
  section.description =
      "A coalition of states (e.g. the EU). Events addressed to a bloc apply to every member; a "
      "bloc pays transfers from its pooled budget. Bloc ids share one namespace with state ids. "
      "At a negotiation, a bloc values outcomes as the sum of its members' preferences, pays "
      "from a budget pooled by its `burden_sharing` key, and bargains as its own keys below "
      "say.";
  section.keys = {
      Key("name", ValueType::text, "Display name.").default_note("the id"),
      Key("members", ValueType::list, "Member states, comma-separated, at least one.")
          .type_note("list of state ids")
          .required(),
  };
  for (KeySpec& key : conduct_keys()) {
    section.keys.push_back(std::move(key));
  }
  // After the conduct keys, so that the resolved text of existing scenarios only gains lines.
  for (KeySpec& key : std::vector<KeySpec>{
           Key("burden_sharing", ValueType::choice,
               "How money the bloc pays or receives (transfers, deal payments, leaked money) "
               "and the cost of its own instruments fall on its members: member m carries "
               "w_m / sum w. "
               "`population`: w_m is its population; `gdp`: population times income_per_head; "
               "`equal`: 1; `explicit`: the weights of `burden_shares`.")
               .default_value(std::string(to_string(BlocSpec{}.burden_sharing)))
               .choices({"population", "gdp", "equal", "explicit"}),
           Key("burden_shares", ValueType::list,
               "With `burden_sharing = explicit`: every member's weight as MEMBER:WEIGHT, "
               "comma-separated (weights at least 0, not all 0; they need not sum to 1).")
               .type_note("list of state id:number")
               .default_note("none (required with `explicit`, not allowed otherwise)"),
       }) {
    section.keys.push_back(std::move(key));
  }
  for (KeySpec& key : budget_keys()) {
    section.keys.push_back(std::move(key));
  }
  return section;
}

SectionSpec corridor_section() {
  SectionSpec section;
  section.kind = "corridor";
  section.header = "[corridor ID]";
  section.description = "A directed irregular route between two different states.";
  section.keys = {
      Key("from", ValueType::reference, "State the corridor leaves.")
          .type_note("state id")
          .required(),
      Key("to", ValueType::reference, "State the corridor reaches.")
          .type_note("state id")
          .required(),
      Key("mode", ValueType::choice, "Means of travel.")
          .default_value("land")
          .choices({"land", "sea", "air"}),
      number("travel_days", "days", "1", Range::at_least(0), "Days from departure to arrival."),
      Key("open", ValueType::boolean, "Whether the corridor is open when the run starts.")
          .default_value("true"),
  };
  add_lever_keys(LeverOwner::corridor, section.keys);
  add_border_keys(section.keys);
  return section;
}

SectionSpec pathway_section() {
  SectionSpec section;
  section.kind = "pathway";
  section.header = "[pathway ID]";
  section.description =
      "A legal, quota-bound channel; people moved become `legal` at `to`. Resettlement moves "
      "hosted people of a nationality from a host state; labour pathways move people straight "
      "from their own country.";
  section.keys = {
      Key("kind", ValueType::choice, "Kind of pathway.")
          .required()
          .choices({"resettlement", "labour"}),
      Key("from", ValueType::reference,
          "Host state (resettlement) or origin state (labour, needs the origin role).")
          .type_note("state id")
          .required(),
      Key("to", ValueType::reference, "Destination state, different from `from`.")
          .type_note("state id")
          .required(),
      Key("nationality", ValueType::reference,
          "State (with the origin role) whose nationals the pathway moves. Required for "
          "resettlement; for labour it must be `from`.")
          .type_note("state id")
          .default_note("`from` (labour)"),
  };
  add_lever_keys(LeverOwner::pathway, section.keys);
  return section;
}

std::string_view describe(MigrantStatus status) {
  switch (status) {
    case MigrantStatus::in_transit:
      return "In a state and looking for a way onward (includes the displaced at origin).";
    case MigrantStatus::hosted:
      return "Hosted or contained in the state's camps or reception system.";
    case MigrantStatus::intercepted:
      return "Detained after an interception; processed at the next tick.";
    case MigrantStatus::pushed_back:
      return "Expelled across the border they came over.";
    case MigrantStatus::arrived:
      return "Arrived irregularly and claimed asylum; decision pending.";
    case MigrantStatus::rejected:
      return "Asylum refused; liable to be returned.";
    case MigrantStatus::protected_:
      return "Granted international protection.";
    case MigrantStatus::returned:
      return "Returned to their own country.";
    case MigrantStatus::dead:
      return "Dead or missing on a corridor.";
    case MigrantStatus::legal:
      return "Arrived through a legal pathway.";
  }
  return "";
}

SectionSpec stock_section() {
  SectionSpec section;
  section.kind = "stock";
  section.header = "[stock NAT in LOC]";
  section.description =
      "People of nationality NAT (a state with the origin role) already in state LOC when the "
      "run starts, e.g. `[stock SYR in TUR]`, by status. One section per (NAT, LOC) pair.";
  for (std::size_t status = 0; status < kStatusCount; ++status) {
    section.keys.push_back(number(std::string(kStatusNames[status]), "people", "0",
                                  Range::at_least(0),
                                  std::string(describe(static_cast<MigrantStatus>(status)))));
  }
  return section;
}

SectionSpec event_section() {
  SectionSpec section;
  section.kind = "event";
  section.header = "[event ID]";
  section.description =
      "A scheduled event, applied at the start of its tick. Events are applied in tick order, "
      "in file order within a tick. Keys that the event's type does not use are errors.";
  section.keys = {
      Key("date", ValueType::date,
          "Day the event happens: it applies at the start of the tick containing this day, "
          "which must fall inside the run. Give `date` or `tick`.")
          .required()
          .exclusive_with("tick"),
      Key("tick", ValueType::integer, "Tick at which the event applies. Give `date` or `tick`.")
          .required()
          .range(Range::at_least(0))
          .range_note("[0, ticks)")
          .exclusive_with("date"),
      Key("type", ValueType::choice, "What the event does (see the event types below).")
          .required()
          .choices(event_type_names()),
      Key("state", ValueType::reference,
          "State concerned. Required for `coup`, and for `engineered_surge` unless it is aimed "
          "at one `corridor`; one of the five targets of `set`, one of the two of "
          "`announcement` and `rumour`.")
          .type_note("state id")
          .applies_to({"set", "coup", "engineered_surge", "announcement", "rumour"}),
      Key("bloc", ValueType::reference,
          "Bloc whose every member a `set` of a state parameter applies to (a bloc's own "
          "`reputation` and `budget`).")
          .type_note("bloc id")
          .applies_to({"set"}),
      Key("corridor", ValueType::reference,
          "Corridor concerned. Required for `open_corridor` and `close_corridor`; one of the "
          "five targets of `set`, one of the two of `announcement` and `rumour`; the one border "
          "an `engineered_surge` is aimed at.")
          .type_note("corridor id")
          .applies_to({"set", "open_corridor", "close_corridor", "engineered_surge", "announcement",
                       "rumour"}),
      Key("pathway", ValueType::reference, "Pathway whose parameter a `set` changes.")
          .type_note("pathway id")
          .applies_to({"set"}),
      Key("instrument", ValueType::reference,
          "Instrument whose valuation (`value_to_target`, `cost_to_user`) a `set` changes.")
          .type_note("instrument id")
          .applies_to({"set"}),
      Key("parameter", ValueType::choice,
          "Parameter a `set` changes, an `announcement` announces or a `rumour` concerns; it "
          "must belong to the target (see the table below). Announcements and rumours concern "
          "`exit_enforcement`, `entry_enforcement` (of a state or a corridor), `mortality` (of "
          "a corridor) or `recognition_rate` (of a state).")
          .type_note("parameter name (see below)")
          .choices(parameter_names())
          .applies_to({"set", "announcement", "rumour"}),
      Key("value", ValueType::number,
          "New value of the parameter (`set`, which also accepts `unlimited` for capacity; "
          "`announcement`), the value a `rumour` claims, or the facilitation of an "
          "`engineered_surge`, which cuts exit interception by that share.")
          .range_note("that of the parameter; [0, 1] for `engineered_surge`")
          .applies_to({"set", "engineered_surge", "announcement", "rumour"}),
      Key("effective_date", ValueType::date,
          "Day the announced change takes effect (at the start of the tick containing it), "
          "after the announcement's tick and inside the run. Give `effective_date` or "
          "`effective_tick`.")
          .exclusive_with("effective_tick")
          .applies_to({"announcement"}),
      Key("effective_tick", ValueType::integer,
          "Tick at which the announced change takes effect. Give `effective_date` or "
          "`effective_tick`.")
          .range(Range::at_least(0))
          .range_note("(event tick, ticks)")
          .exclusive_with("effective_date")
          .applies_to({"announcement"}),
      share("credibility", "share", "1",
            "How far migrants believe an announcement or a rumour: their beliefs are pulled "
            "this share of the way from what they observe to the claimed value.")
          .applies_to({"announcement", "rumour"}),
      Key("from", ValueType::reference, "Paying state or bloc.")
          .type_note("state or bloc id")
          .applies_to({"transfer"}),
      Key("to", ValueType::reference, "Receiving state or bloc, not the payer.")
          .type_note("state or bloc id")
          .applies_to({"transfer"}),
      number("amount", "EUR", "", Range::above(0), "Total amount transferred. Required.")
          .applies_to({"transfer"}),
      number("over_months", "months", "1", Range::above(0),
             "The amount is paid evenly over this many months.")
          .applies_to({"transfer"}),
  };
  for (const LeverTraits& lever : levers_of(LeverOwner::state)) {
    if (lever.coup_choice) {
      section.keys.push_back(Key(lever_key(lever))
                                 .default_value("")
                                 .default_note("unchanged")
                                 .description(spoken_name(lever) + " chosen by the new government.")
                                 .applies_to({"coup"}));
    }
  }
  const std::vector<KeySpec> surge_end = {
      Key("end_date", ValueType::date,
          "Day facilitation stops, or a rumour stops being heard: at the start of the tick "
          "containing it. After the event's tick; inside the run, or the day after its last "
          "day.")
          .default_note("never")
          .exclusive_with("end_tick")
          .applies_to({"engineered_surge", "rumour"}),
      Key("end_tick", ValueType::integer,
          "Tick at which facilitation stops, or a rumour stops being heard.")
          .default_note("never")
          .range(Range::at_least(0))
          .range_note("(event tick, ticks]")
          .exclusive_with("end_date")
          .applies_to({"engineered_surge", "rumour"}),
  };
  section.keys.insert(section.keys.end(), surge_end.begin(), surge_end.end());
  return section;
}

SectionSpec diplomacy_section() {
  SectionSpec section;
  section.kind = "diplomacy";
  section.header = "[diplomacy]";
  section.singleton = true;
  section.description =
      "Settings shared by every negotiation of the strategic layer (see `[negotiation ID]`).";
  const auto& fields = kDiplomacyFields;
  section.keys = {
      Key("protocol", ValueType::choice,
          "How the parties' disagreement points become terms: `nash` is generalised Nash "
          "bargaining with each party's `bargaining_power`; `rubinstein` is alternating offers, "
          "where power comes from `patience` and the time to the `next_election`.")
          .default_value(std::string(to_string(DiplomacySettings{}.protocol)))
          .choices({"nash", "rubinstein"}),
      struct_key(fields, "horizon_months", "months", Range::above(0),
                 "How far ahead states weigh a deal's or a threat's effects."),
      struct_key(fields, "reputation_step", "", Range::closed(0, 1),
                 "How far carrying out or abandoning a threat moves reputation."),
      struct_key(fields, "round_months", "months", Range::above(0),
                 "Length of one round of offers (`rubinstein`)."),
      struct_key(
          fields, "reevaluation_tolerance", "share", Range::at_least(0),
          "A table is bargained again only when its inputs have moved by more than this share "
          "since its last evaluation."),
      struct_key(
          fields, "threat_minimum_months", "months", Range::at_least(0),
          "An announced threat, or one carried out, stands at least this long: it is neither "
          "withdrawn nor called off before. Withdrawing it later costs reputation as before. "
          "0: a threat may be dropped at the next failed bargain."),
      struct_key(
          fields, "threat_bite_months", "months", Range::at_least(0),
          "A threat carried out bites this long before its table bargains again (at least one "
          "tick), and its user weighs its cost over that time against the deal it expects to "
          "force (docs/model.md, 7.4, \"After a failed bargain\"). 0: the table bargains again "
          "at the next tick and a threat followed by a deal is counted as costing nothing."),
      struct_key(
          fields, "learning_memory_months", "months", Range::at_least(0),
          "Memory with which states learn what their exit and entry controls do: while one is "
          "in force, the belief in its effect moves toward the realised change in arrivals "
          "over the predicted one (docs/model.md, 7.4, \"Learning\"). 0: no learning."),
      struct_key(fields, "counterfactual_months", "months", Range::above(0),
                 "Months of arrivals before an instrument or a deal takes effect whose mean "
                 "stands for what would have happened without it (learning, and "
                 "`compliance_basis = outcome`)."),
      Key("value_onward_moves", ValueType::boolean,
          "Whether an exit control (`exit_enforcement`, `departure_ban`) is also valued by the "
          "arrivals it removes that would have moved on from its corridors' destinations, "
          "attributed as a surge's inbound arrivals are (docs/model.md, 7.4, \"Expected "
          "effects\"). false: only the arrivals at the destinations count, so a control on a "
          "corridor into a transit state is worth nothing to the states beyond it.")
          .default_value("false"),
  };
  return section;
}

SectionSpec instrument_section() {
  SectionSpec section;
  section.kind = "instrument";
  section.header = "[instrument ID]";
  section.description =
      "Something a state or a bloc can do to another in the strategic layer, named so that "
      "negotiations can put it on the table. Instruments come in three families: incentives "
      "offered in exchange for commitments (money, visas, trade, legal pathways), threats "
      "carried out when bargaining fails (aid cuts, sanctions, opening the gates, deployment "
      "bans), and flow controls (the engine's enforcement, pushback and readmission levers), "
      "committed to in a deal or used unilaterally. Each is in force only when the diplomacy "
      "phase uses it. Keys that the instrument's type does not use are errors.";
  const InstrumentSpec defaults;
  section.keys = {
      Key("type", ValueType::choice, "What the instrument does (see the instrument types below).")
          .type_note("instrument type (see below)")
          .required()
          .choices(all_instrument_type_names()),
      Key("user", ValueType::reference,
          "State or bloc that uses it. Types that act on the user's own territory, corridors, "
          "pathways or nationals need a state (see below); `departure_ban` and "
          "`refuse_readmission` a state with the origin role.")
          .type_note("state or bloc id")
          .required(),
      Key("target", ValueType::reference,
          "State it is aimed at or offered to, not the user. Required by the types that use it.")
          .type_note("state id")
          .applies_to(instrument_type_names(uses_target)),
      Key("corridor", ValueType::reference,
          "Corridor whose irregular arrivals the user readmits; it must leave the user state. "
          "Required.")
          .type_note("corridor id")
          .applies_to(instrument_type_names(uses_corridor)),
      Key("pathway", ValueType::reference,
          "Pathway it acts on. Required. A `deployment_ban` needs a labour pathway from the user "
          "state.")
          .type_note("pathway id")
          .applies_to(instrument_type_names(uses_pathway)),
      number("level", "share or people/month", "", Range::at_least(0),
             "The lever value it sets while in force: the enforcement level, pushback or "
             "readmission share, facilitation or share of hosting capacity closed, or the quota "
             "of a `legal_pathway` (people per month). Required.")
          .range_note("[0, 1]; >= 0 for `legal_pathway`")
          .applies_to(instrument_type_names(uses_level)),
      number("amount", "EUR/month", "", Range::at_least(0),
             "A transfer's ceiling (the most a deal can pay), or the amount of budget support or "
             "migration funding paid each month. Required.")
          .applies_to(instrument_type_names(uses_amount)),
      number("value_to_target", "EUR/month", format_number(defaults.value_to_target), Range::any(),
             "What the target gains per month (negative: loses) beyond the effects on flows and "
             "money, e.g. the value of visa liberalisation or the cost of sanctions.")
          .applies_to(instrument_type_names(uses_target)),
      number("cost_to_user", "EUR/month", format_number(defaults.cost_to_user), Range::at_least(0),
             "What using it costs the user per month beyond the effects on flows and money (e.g. "
             "sanctions against it, the diplomatic price of a surge)."),
      Key("corridors", ValueType::list,
          "Corridors that get the instrument's `level` as their own while it is in force, "
          "instead of the user's value on all its borders (docs/model.md 7.4, \"A surge aimed "
          "at corridors\", \"An exit control aimed at corridors\"). open_gates, "
          "engineered_surge: facilitation; a corridor out of the user opens that border only; a "
          "corridor into it (visas, flights, tour packages) cuts the origin's exit interception "
          "and the journey's price there; each must start or end in the user. exit_enforcement, "
          "departure_ban: exit enforcement on those corridors out of the user only; each must "
          "start in the user. None twice.")
          .type_note("list of corridor ids")
          .default_note("none: the user's value on all its borders")
          .applies_to(instrument_type_names(aims_at_corridors)),
      share("mobilised_share", "share per month", format_number(defaults.mobilised_share),
            "Share of the people hosted or in transit in the user state that states expect to "
            "move on per month at full facilitation (or, for `camp_closure`, of those evicted).")
          .applies_to(instrument_type_names(mobilises)),
  };
  return section;
}

SectionSpec negotiation_section() {
  SectionSpec section;
  section.kind = "negotiation";
  section.header = "[negotiation ID]";
  section.description =
      "A standing bargaining table between a demander and a partner (each a state or a bloc), "
      "with the agenda each side may put on it: what the demander asks of the partner, what it "
      "offers in return and what it pays, and the threats either side may make. From "
      "`start_date` on, the diplomacy phase bargains at the table whenever its agenda could "
      "still gain something, and turns agreements into deals that run for `duration_months`.";
  const auto& fields = kNegotiationFields;
  const Range non_negative = Range::at_least(0);
  section.keys = {
      Key("demander", ValueType::reference, "State or bloc that wants the partner's commitments.")
          .type_note("state or bloc id")
          .required(),
      Key("partner", ValueType::reference,
          "State or bloc whose commitments are sought: not the demander, and no state on both "
          "sides (a bloc does not negotiate with its own members).")
          .type_note("state or bloc id")
          .required(),
      Key("asks", ValueType::list,
          "Instruments of the partner (a bloc partner's or its members') it may commit to; any "
          "subset may make up a deal. Give "
          "`asks`, `offers` or both, with at most 10 items between them.")
          .type_note("list of instrument ids")
          .default_note("none"),
      Key("offers", ValueType::list,
          "Instruments of the demander (a bloc demander's or its members') it may offer "
          "in return, other than money: no `transfer`.")
          .type_note("list of instrument ids")
          .default_note("none"),
      Key("payment", ValueType::reference,
          "The demander's `transfer` to the partner that prices the deal (to a bloc partner: "
          "a transfer to one of its members; the bloc is paid).")
          .type_note("instrument id")
          .default_note("none: no money changes hands"),
      Key("threats", ValueType::list,
          "Instruments of the threat or flow-control family that the demander or the partner "
          "may announce and carry out; each instrument's user says whose (a member's is its "
          "bloc's). An instrument another table holds in force is not a threat here.")
          .type_note("list of instrument ids")
          .default_note("none"),
      Key("conditionality", ValueType::choice,
          "How payments respond to the partner's compliance: `none`, paid whatever it does; "
          "`positive`, each payment scaled by the compliance observed (more for more); "
          "`negative`, no new money (no `payment`) and the demander's `aid_cut` against the "
          "partner, which must be among the `threats`, is the stick (less for less); "
          "`reverse`, the partner sets the terms and is paid before it delivers.")
          .default_value(std::string(to_string(NegotiationSpec{}.conditionality)))
          .choices({"none", "positive", "negative", "reverse"}),
      Key("start_date", ValueType::date,
          "First day at which the table bargains: from the start of the tick containing it, "
          "which must fall inside the run.")
          .default_note("the run's `start_date`"),
      struct_key(fields, "duration_months", "months", Range::above(0),
                 "How long a deal runs before it expires."),
      struct_key(fields, "monitoring_lag_months", "months", non_negative,
                 "Compliance is judged on what was observed this long ago."),
      struct_key(fields, "implementation_lag_months", "months", non_negative,
                 "Commitments take effect this long after signing."),
      struct_key(fields, "breach_threshold", "share", Range::closed(0, 1),
                 "Compliance below which the demander declares a breach."),
      struct_key(fields, "cooldown_months", "months", non_negative,
                 "After a deal ends, the table waits this long before bargaining again."),
      struct_key(
          fields, "renegotiation_margin", "share", non_negative,
          "A standing deal is reopened when the payment the partner could now obtain exceeds "
          "the current one by this share (renegotiation through threats)."),
      struct_key(fields, "opens_at_salience", "", non_negative,
                 "A table the demander opens itself: from `start_date` it stays closed until the "
                 "demander's salience (summed over a bloc's members) reaches this value while the "
                 "`partner` is the state through which most of the demander's arrivals of the last "
                 "month came. 0: the table is fixed by hand and opens at `start_date`."),
      Key("compliance_basis", ValueType::choice,
          "What the demander judges compliance on: `lever`, the delivered share of each "
          "committed lever; `outcome`, the delivered share of the fall in its arrivals that "
          "the deal's asks were expected to bring, against the months before they took effect "
          "(a rebound is a breach when it falls below `breach_threshold`).")
          .default_value(std::string(to_string(NegotiationSpec{}.compliance_basis)))
          .choices({"lever", "outcome"}),
      Key("in_force_at_start", ValueType::list,
          "A deal in force when the run starts, made of these instruments of the table's "
          "`asks` and `offers`: signed and in effect at tick 0, monitored and paid from then, "
          "running `duration_months`.")
          .type_note("list of instrument ids")
          .default_note("none"),
      number("payment_at_start", "EUR per month", "0", Range::at_least(0),
             "The payment of the deal in force at the start (before conditionality); only with "
             "`in_force_at_start` and a `payment`."),
  };
  return section;
}

std::vector<SectionSpec> build_table() {
  return {scenario_section(), model_section(), outputs_section(),    diplomacy_section(),
          state_section(),    bloc_section(),  corridor_section(),   pathway_section(),
          stock_section(),    event_section(), instrument_section(), negotiation_section()};
}

}  // namespace

Range Range::at_least(double low) {
  Range range;
  range.low = low;
  return range;
}

Range Range::above(double low) {
  Range range = at_least(low);
  range.low_open = true;
  return range;
}

Range Range::closed(double low, double high) {
  Range range = at_least(low);
  range.high = high;
  return range;
}

Range Range::half_open(double low, double high) {
  Range range = closed(low, high);
  range.high_open = true;
  return range;
}

Range Range::open(double low, double high) {
  Range range = half_open(low, high);
  range.low_open = true;
  return range;
}

bool Range::contains(double value) const {
  const bool above_low = low_open ? value > low : value >= low;
  const bool below_high = high_open ? value < high : value <= high;
  return above_low && below_high;
}

bool Range::contains_integer(std::uint64_t value) const {
  if (!contains(static_cast<double>(value))) {
    return false;
  }
  constexpr double kTwoTo64 = 18446744073709551616.0;
  if (high >= 0 && high < kTwoTo64) {
    const auto whole = static_cast<std::uint64_t>(high);  // high rounded down
    return high_open && static_cast<double>(whole) == high ? value < whole : value <= whole;
  }
  return true;
}

std::string Range::describe() const {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  if (low == -kInfinity && high == kInfinity) {
    return "any";
  }
  if (high == kInfinity) {
    return (low_open ? "> " : ">= ") + format_number(low);
  }
  if (low == -kInfinity) {
    return (high_open ? "< " : "<= ") + format_number(high);
  }
  return fmt::format("{}{}, {}{}", low_open ? '(' : '[', format_number(low), format_number(high),
                     high_open ? ')' : ']');
}

bool KeySpec::used_by(std::string_view section_type) const {
  return applies_to.empty() ||
         std::find(applies_to.begin(), applies_to.end(), section_type) != applies_to.end();
}

const KeySpec* SectionSpec::find(std::string_view name) const {
  auto found =
      std::find_if(keys.begin(), keys.end(), [&](const KeySpec& key) { return key.name == name; });
  return found == keys.end() ? nullptr : &*found;
}

std::vector<std::string> SectionSpec::key_names() const {
  std::vector<std::string> names;
  for (const KeySpec& key : keys) {
    names.push_back(key.name);
  }
  return names;
}

const std::vector<SectionSpec>& section_specs() {
  // Built once: the table is constant data that happens to need strings to be constructed.
  static const std::vector<SectionSpec> table = build_table();
  return table;
}

const SectionSpec* find_section_spec(std::string_view kind) {
  const auto& table = section_specs();
  auto found = std::find_if(table.begin(), table.end(),
                            [&](const SectionSpec& section) { return section.kind == kind; });
  return found == table.end() ? nullptr : &*found;
}

std::vector<std::string> section_kinds() {
  std::vector<std::string> kinds;
  for (const SectionSpec& section : section_specs()) {
    kinds.push_back(section.kind);
  }
  return kinds;
}

std::string describe(EventType type) {
  switch (type) {
    case EventType::set:
      return "Sets one parameter of a state, of every member of a bloc, of a corridor or of a "
             "pathway. Needs exactly one target (`state`, `bloc`, `corridor` or `pathway`), "
             "`parameter` and `value`. Enforcement levels are targets that the state's policy "
             "lag smooths; every other parameter takes effect at once. Set on a corridor, a "
             "state parameter acting at a border (enforcement, pushbacks) becomes that "
             "corridor's own, overriding the state's there; its enforcement is smoothed by the "
             "lag of the state on that side. Beyond levers, a `set` changes what a state wants "
             "(its preferences), its `salience`, a state's or bloc's `reputation` and `budget`, "
             "or an `instrument`'s `value_to_target` and `cost_to_user`: triggers from outside "
             "migration, such as a killing abroad that raises the value an origin puts on "
             "worker protections.";
    case EventType::open_corridor:
      return "Opens a corridor. Needs `corridor`.";
    case EventType::close_corridor:
      return "Closes a corridor. Needs `corridor`.";
    case EventType::transfer:
      return "Starts paying money from one state or bloc to another. Needs `from`, `to` and "
             "`amount`.";
    case EventType::coup:
      return "Government change or collapse in a state. Needs `state`; " + coup_choice_list() +
             " give the new government's levers.";
    case EventType::engineered_surge:
      return "A state actively facilitates crossings out of its territory. Needs `state` and "
             "`value` (the facilitation); `end_date` or `end_tick` ends it. Given `corridor` "
             "instead of `state`, the surge is aimed at that one border, from its `from` state; "
             "when it ends, the border follows the state's facilitation again.";
    case EventType::announcement:
      return "A change of a parameter announced at the event's tick and in force from "
             "`effective_date` (or `effective_tick`), when it applies as a `set` would. Needs one "
             "target (`state` or `corridor`), `parameter` and `value`. From the announcement, "
             "migrants' beliefs about the parameter are pulled towards the announced value by "
             "its `credibility`, until the change, once in force, has been observed "
             "(`belief_lag_days` later).";
    case EventType::rumour:
      return "Migrants hear that a parameter has a value it does not have: their beliefs are "
             "pulled towards `value` by its `credibility` until `end_date` (or `end_tick`; "
             "default never), then return to what they observe over `belief_memory_days`. The "
             "truth never changes. Needs one target (`state` or `corridor`), `parameter` and "
             "`value`; for example `parameter = entry_enforcement`, `value = 0` on a corridor: "
             "\"the border is open\".";
  }
  return "";
}

std::string_view section_kind_of(TargetKind kind) {
  switch (kind) {
    case TargetKind::state:
      return "state";
    case TargetKind::bloc:
      return "bloc";
    case TargetKind::corridor:
      return "corridor";
    case TargetKind::pathway:
      return "pathway";
    case TargetKind::instrument:
      return "instrument";
    case TargetKind::none:
      break;
  }
  throw InternalError("no section kind for TargetKind::none");
}

std::vector<Lever> event_parameters() {
  std::vector<Lever> levers;
  for (const LeverTraits& lever : kLevers) {
    if (lever.keyed) {
      levers.push_back(lever.lever);
    }
  }
  return levers;
}

const KeySpec& parameter_key(Lever parameter) {
  const SectionSpec* section = find_section_spec(section_kind_of(target_kind_of(parameter)));
  const KeySpec* key = section == nullptr ? nullptr : section->find(to_string(parameter));
  if (key == nullptr) {
    throw InternalError("no key for event parameter '" + std::string(to_string(parameter)) + "'");
  }
  return *key;
}

}  // namespace migdip::ini
