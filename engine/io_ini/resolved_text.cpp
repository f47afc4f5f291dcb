#include "io_ini/resolved_text.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io_ini/key_table.h"
#include "io_ini/spec_fields.h"
#include "io_ini/strategic_input_fields.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/error.h"

namespace migdip::ini {
namespace {

using Values = std::vector<std::pair<std::string, std::string>>;

std::string number_text(double value) {
  return std::isinf(value) && value > 0 ? "unlimited" : format_number(value);
}

std::string bool_text(bool value) {
  return value ? "true" : "false";
}

// Keys come out in the table's order whatever order the caller listed them in, so the text is
// canonical and every key is one the loader knows.
void write_section(std::string& out, std::string_view kind, const std::string& id,
                   const Values& values) {
  const SectionSpec* spec = find_section_spec(kind);
  if (spec == nullptr) {
    throw InternalError("no section kind '" + std::string(kind) + "'");
  }
  for (const auto& [key, value] : values) {
    if (spec->find(key) == nullptr) {
      throw InternalError("resolved text writes unknown key '" + key + "'");
    }
  }
  out += id.empty() ? fmt::format("\n[{}]\n", kind) : fmt::format("\n[{} {}]\n", kind, id);
  for (const KeySpec& key : spec->keys) {
    for (const auto& [name, value] : values) {
      if (name == key.name) {
        out += value.empty() ? name + " =\n" : name + " = " + value + "\n";
      }
    }
  }
}

const std::string& state_id(const Scenario& scenario, int index) {
  return scenario.states.at(static_cast<std::size_t>(index)).id;
}

std::string party_id(const Scenario& scenario, const Party& party) {
  if (party.kind == TargetKind::bloc) {
    return scenario.blocs.at(static_cast<std::size_t>(party.index)).id;
  }
  return state_id(scenario, party.index);
}

std::string target_id(const Scenario& scenario, const EventSpec& event) {
  const auto index = static_cast<std::size_t>(event.target);
  switch (event.target_kind) {
    case TargetKind::state:
      return scenario.states.at(index).id;
    case TargetKind::bloc:
      return scenario.blocs.at(index).id;
    case TargetKind::corridor:
      return scenario.corridors.at(index).id;
    case TargetKind::pathway:
      return scenario.pathways.at(index).id;
    case TargetKind::instrument:
      return scenario.instruments.at(index).id;
    case TargetKind::none:
      break;
  }
  throw InternalError("event '" + event.id + "' has no target");
}

std::string list_text(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

// Dates that the loader turned into ticks come back as the first day of their tick, which lies
// in the same tick.
std::string tick_date(const Calendar& calendar, int tick) {
  return format_date(calendar.tick_start(tick));
}

template <LeverOwner Owner>
void add_levers(Values& values, const LeverValues<Owner>& levers) {
  for (const LeverTraits& lever : levers_of(Owner)) {
    if (lever.keyed) {
      values.emplace_back(lever.name, number_text(levers(lever.lever)));
    }
  }
}

void add_conduct(Values& values, const ActorConduct& conduct, const Calendar& calendar) {
  for (const auto& field : kConductFields) {
    values.emplace_back(field.key, number_text(conduct.*field.member));
  }
  if (conduct.election_tick) {
    values.emplace_back("next_election", tick_date(calendar, *conduct.election_tick));
  }
}

void add_budget(Values& values, const BudgetLine& budget) {
  for (const auto& field : kBudgetFields) {
    values.emplace_back(field.key, number_text(budget.*field.member));
  }
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) {
    text += (text.empty() ? "" : ", ") + item;
  }
  return text;
}

// The declaration of what the results file holds. Its keys after stocks_by_location are written
// when they differ from their defaults (and only then, so that files that do not use them
// resolve as before); read back, the defaults give the same file.
Values outputs_values(const OutputSettings& outputs) {
  const OutputSettings defaults;
  Values values{{"stocks_by_location", bool_text(outputs.stocks_by_location)}};
  if (!outputs.variables.empty()) {
    values.emplace_back("variables", joined(outputs.variables));
  }
  if (!outputs.exclude.empty()) {
    values.emplace_back("exclude", joined(outputs.exclude));
  }
  if (outputs.interval != defaults.interval) {
    values.emplace_back("interval", std::string(to_string(outputs.interval)));
  }
  if (outputs.precision != defaults.precision) {
    values.emplace_back("precision", std::string(to_string(outputs.precision)));
  }
  if (outputs.compression != defaults.compression) {
    values.emplace_back("compression", outputs.compression == kAutomaticCompression
                                           ? std::string("auto")
                                           : std::to_string(outputs.compression));
  }
  if (outputs.large_series_limit != defaults.large_series_limit) {
    values.emplace_back("large_series_limit", std::to_string(outputs.large_series_limit));
  }
  return values;
}

Values instrument_values(const Scenario& scenario, const InstrumentSpec& instrument) {
  const std::string type(to_string(instrument.type));
  const SectionSpec& spec = *find_section_spec("instrument");
  auto used = [&](std::string_view key) { return spec.find(key)->used_by(type); };
  Values values = {{"type", type}, {"user", party_id(scenario, instrument.user)}};
  if (used("target")) {
    values.emplace_back("target", state_id(scenario, instrument.target));
  }
  if (used("corridor")) {
    values.emplace_back("corridor",
                        scenario.corridors.at(static_cast<std::size_t>(instrument.corridor)).id);
  }
  if (used("pathway")) {
    values.emplace_back("pathway",
                        scenario.pathways.at(static_cast<std::size_t>(instrument.pathway)).id);
  }
  if (used("level")) {
    values.emplace_back("level", number_text(instrument.level));
  }
  if (used("amount")) {
    values.emplace_back("amount", number_text(instrument.amount));
  }
  if (used("value_to_target")) {
    values.emplace_back("value_to_target", number_text(instrument.value_to_target));
  }
  values.emplace_back("cost_to_user", number_text(instrument.cost_to_user));
  if (used("mobilised_share")) {
    values.emplace_back("mobilised_share", number_text(instrument.mobilised_share));
  }
  // Written only when given, so that files without it resolve as before.
  if (used("corridors") && !instrument.corridors.empty()) {
    std::vector<std::string> ids;
    for (int index : instrument.corridors) {
      ids.push_back(scenario.corridors.at(static_cast<std::size_t>(index)).id);
    }
    values.emplace_back("corridors", list_text(ids));
  }
  return values;
}

Values negotiation_values(const Scenario& scenario, const NegotiationSpec& negotiation,
                          const Calendar& calendar) {
  auto instrument_id = [&](int index) {
    return scenario.instruments.at(static_cast<std::size_t>(index)).id;
  };
  Values values = {{"demander", party_id(scenario, negotiation.demander)},
                   {"partner", party_id(scenario, negotiation.partner)}};
  for (const auto& [key, list] :
       {std::pair{"asks", &negotiation.asks}, std::pair{"offers", &negotiation.offers},
        std::pair{"threats", &negotiation.threats}}) {
    if (!list->empty()) {
      std::vector<std::string> ids;
      for (int index : *list) {
        ids.push_back(instrument_id(index));
      }
      values.emplace_back(key, list_text(ids));
    }
  }
  if (negotiation.payment >= 0) {
    values.emplace_back("payment", instrument_id(negotiation.payment));
  }
  values.emplace_back("conditionality", std::string(to_string(negotiation.conditionality)));
  values.emplace_back("start_date", tick_date(calendar, negotiation.start_tick));
  for (const auto& field : kNegotiationFields) {
    values.emplace_back(field.key, number_text(negotiation.*field.member));
  }
  values.emplace_back("compliance_basis", std::string(to_string(negotiation.compliance_basis)));
  if (negotiation.at_start.given()) {
    std::vector<std::string> ids;
    for (int index : negotiation.at_start.items) {
      ids.push_back(instrument_id(index));
    }
    values.emplace_back("in_force_at_start", list_text(ids));
  }
  values.emplace_back("payment_at_start", number_text(negotiation.at_start.payment_per_month));
  return values;
}

Values event_values(const Scenario& scenario, const EventSpec& event) {
  Values values = {{"tick", std::to_string(event.tick)},
                   {"type", std::string(to_string(event.type))}};
  switch (event.type) {
    case EventType::set:
      values.emplace_back(std::string(section_kind_of(event.target_kind)),
                          target_id(scenario, event));
      values.emplace_back("parameter", event.stance ? std::string(traits_of(*event.stance).name)
                                                    : std::string(to_string(event.parameter)));
      values.emplace_back("value", number_text(event.value));
      break;
    case EventType::open_corridor:
    case EventType::close_corridor:
      values.emplace_back("corridor", target_id(scenario, event));
      break;
    case EventType::transfer:
      values.emplace_back("from", party_id(scenario, event.payer));
      values.emplace_back("to", party_id(scenario, event.payee));
      values.emplace_back("amount", number_text(event.amount));
      values.emplace_back("over_months", number_text(event.over_months));
      break;
    case EventType::coup:
      values.emplace_back("state", target_id(scenario, event));
      for (const LeverTraits& lever : levers_of(LeverOwner::state)) {
        if (const std::optional<double>& chosen = event.new_government(lever.lever)) {
          values.emplace_back(lever.name, number_text(*chosen));
        }
      }
      break;
    case EventType::engineered_surge:
      values.emplace_back(std::string(section_kind_of(event.target_kind)),
                          target_id(scenario, event));
      values.emplace_back("value", number_text(event.value));
      if (event.end_tick) {
        values.emplace_back("end_tick", std::to_string(*event.end_tick));
      }
      break;
    case EventType::announcement:
    case EventType::rumour:
      values.emplace_back(std::string(section_kind_of(event.target_kind)),
                          target_id(scenario, event));
      values.emplace_back("parameter", std::string(to_string(event.parameter)));
      values.emplace_back("value", number_text(event.value));
      values.emplace_back("credibility", number_text(event.credibility));
      if (event.type == EventType::announcement) {
        values.emplace_back("effective_tick", std::to_string(event.effective_tick));
      } else if (event.end_tick) {
        values.emplace_back("end_tick", std::to_string(*event.end_tick));
      }
      break;
  }
  return values;
}

}  // namespace

std::string resolved_text(const Scenario& scenario) {
  std::string out =
      "# Resolved scenario: every key, defaults filled in, overrides applied.\n"
      "# Loading this text gives the same scenario.\n";

  const ScenarioSettings& settings = scenario.settings;
  write_section(out, "scenario", "",
                {{"name", settings.name},
                 {"description", settings.description},
                 {"start_date", format_date(settings.start_date)},
                 {"ticks", std::to_string(settings.ticks)},
                 {"tick_length", std::string(to_string(settings.tick_length))},
                 {"seed", std::to_string(settings.seed)},
                 {"run", std::to_string(settings.run)},
                 {"mode", std::string(to_string(settings.mode))}});

  Values model;
  for (const auto& field : kModelFields) {
    model.emplace_back(field.key, number_text(scenario.model.*field.member));
  }
  std::string seasonality;
  for (double factor : scenario.model.sea_seasonality) {
    seasonality += (seasonality.empty() ? "" : ", ") + number_text(factor);
  }
  model.emplace_back(kSeaSeasonalityKey, seasonality);
  write_section(out, "model", "", model);
  write_section(out, "outputs", "", outputs_values(scenario.outputs));
  Values diplomacy = {{"protocol", std::string(to_string(scenario.diplomacy.protocol))}};
  for (const auto& field : kDiplomacyFields) {
    diplomacy.emplace_back(field.key, number_text(scenario.diplomacy.*field.member));
  }
  diplomacy.emplace_back("value_onward_moves", bool_text(scenario.diplomacy.value_onward_moves));
  write_section(out, "diplomacy", "", diplomacy);

  const Calendar calendar = scenario.calendar();

  for (const StateSpec& state : scenario.states) {
    std::vector<std::string> roles;
    for (auto [role, name] :
         {std::pair{StateRole::origin, "origin"}, std::pair{StateRole::transit, "transit"},
          std::pair{StateRole::destination, "destination"}}) {
      if (state.has_role(role)) {
        roles.emplace_back(name);
      }
    }
    Values values = {{"name", state.name}, {"roles", list_text(roles)}};
    for (const auto& field : kStateFields) {
      values.emplace_back(field.key, number_text(state.*field.member));
    }
    if (state.offshore_state >= 0) {
      values.emplace_back("offshore_state", state_id(scenario, state.offshore_state));
    }
    add_levers(values, state.lever);
    for (const auto& field : kPreferenceFields) {
      values.emplace_back(field.key, number_text(state.preferences.*field.member));
    }
    add_conduct(values, state.conduct, calendar);
    for (const auto& field : kDomesticPoliticsFields) {
      values.emplace_back(field.key, number_text(state.politics.*field.member));
    }
    add_budget(values, state.budget);
    values.emplace_back("initial_salience", number_text(state.initial_salience));
    for (const auto& field : kAidFields) {
      values.emplace_back(field.key, number_text(state.aid.*field.member));
    }
    write_section(out, "state", state.id, values);
  }

  for (const BlocSpec& bloc : scenario.blocs) {
    std::vector<std::string> members;
    for (int member : bloc.members) {
      members.push_back(state_id(scenario, member));
    }
    Values values = {{"name", bloc.name}, {"members", list_text(members)}};
    add_conduct(values, bloc.conduct, calendar);
    values.emplace_back("burden_sharing", std::string(to_string(bloc.burden_sharing)));
    if (!bloc.burden_shares.empty()) {
      std::vector<std::string> shares;
      for (std::size_t k = 0; k < bloc.members.size(); ++k) {
        shares.push_back(state_id(scenario, bloc.members[k]) + ":" +
                         number_text(bloc.burden_shares[k]));
      }
      values.emplace_back("burden_shares", list_text(shares));
    }
    add_budget(values, bloc.budget);
    write_section(out, "bloc", bloc.id, values);
  }

  for (const CorridorSpec& corridor : scenario.corridors) {
    Values values = {{"from", state_id(scenario, corridor.from)},
                     {"to", state_id(scenario, corridor.to)},
                     {"mode", std::string(to_string(corridor.mode))},
                     {"open", bool_text(corridor.open)}};
    for (const auto& field : kCorridorFields) {
      values.emplace_back(field.key, number_text(corridor.*field.member));
    }
    add_levers(values, corridor.lever);
    for (const Lever lever : kBorderLevers) {
      if (const std::optional<double>& own = corridor.border(lever)) {
        values.emplace_back(std::string(to_string(lever)), number_text(*own));
      }
    }
    write_section(out, "corridor", corridor.id, values);
  }

  for (const PathwaySpec& pathway : scenario.pathways) {
    const int nationality_state =
        scenario.nationality_states.at(static_cast<std::size_t>(pathway.nationality));
    Values values = {{"kind", std::string(to_string(pathway.kind))},
                     {"from", state_id(scenario, pathway.from)},
                     {"to", state_id(scenario, pathway.to)},
                     {"nationality", state_id(scenario, nationality_state)}};
    add_levers(values, pathway.lever);
    write_section(out, "pathway", pathway.id, values);
  }

  for (const InitialStock& stock : scenario.initial_stocks) {
    const int nationality_state =
        scenario.nationality_states.at(static_cast<std::size_t>(stock.nationality));
    Values values;
    for (std::size_t status = 0; status < kStatusCount; ++status) {
      values.emplace_back(std::string(kStatusNames[status]), number_text(stock.people[status]));
    }
    write_section(
        out, "stock",
        state_id(scenario, nationality_state) + " in " + state_id(scenario, stock.location),
        values);
  }

  for (const EventSpec& event : scenario.events) {
    write_section(out, "event", event.id, event_values(scenario, event));
  }
  for (const InstrumentSpec& instrument : scenario.instruments) {
    write_section(out, "instrument", instrument.id, instrument_values(scenario, instrument));
  }
  for (const NegotiationSpec& negotiation : scenario.negotiations) {
    write_section(out, "negotiation", negotiation.id,
                  negotiation_values(scenario, negotiation, calendar));
  }
  return out;
}

}  // namespace migdip::ini
