#include "io_ini/resolved_text.h"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "io_ini/key_table.h"
#include "io_ini/spec_fields.h"
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
    case TargetKind::none:
      break;
  }
  throw InternalError("event '" + event.id + "' has no target");
}

Values event_values(const Scenario& scenario, const EventSpec& event) {
  Values values = {{"tick", std::to_string(event.tick)},
                   {"type", std::string(to_string(event.type))}};
  switch (event.type) {
    case EventType::set:
      values.emplace_back(std::string(section_kind_of(event.target_kind)),
                          target_id(scenario, event));
      values.emplace_back("parameter", std::string(to_string(event.parameter)));
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
      if (event.new_exit_enforcement) {
        values.emplace_back("exit_enforcement", number_text(*event.new_exit_enforcement));
      }
      if (event.new_readmission_acceptance) {
        values.emplace_back("readmission_acceptance",
                            number_text(*event.new_readmission_acceptance));
      }
      break;
    case EventType::engineered_surge:
      values.emplace_back("state", target_id(scenario, event));
      values.emplace_back("value", number_text(event.value));
      if (event.end_tick) {
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
  write_section(out, "model", "", model);
  write_section(out, "outputs", "",
                {{"stocks_by_location", bool_text(scenario.outputs.stocks_by_location)}});

  for (const StateSpec& state : scenario.states) {
    std::vector<std::string> roles;
    for (auto [role, name] :
         {std::pair{StateRole::origin, "origin"}, std::pair{StateRole::transit, "transit"},
          std::pair{StateRole::destination, "destination"}}) {
      if (state.has_role(role)) {
        roles.emplace_back(name);
      }
    }
    Values values = {{"name", state.name}, {"roles", fmt::format("{}", fmt::join(roles, ", "))}};
    for (const auto& field : kStateFields) {
      values.emplace_back(field.key, number_text(state.*field.member));
    }
    write_section(out, "state", state.id, values);
  }

  for (const BlocSpec& bloc : scenario.blocs) {
    std::vector<std::string> members;
    for (int member : bloc.members) {
      members.push_back(state_id(scenario, member));
    }
    write_section(out, "bloc", bloc.id,
                  {{"name", bloc.name}, {"members", fmt::format("{}", fmt::join(members, ", "))}});
  }

  for (const CorridorSpec& corridor : scenario.corridors) {
    Values values = {{"from", state_id(scenario, corridor.from)},
                     {"to", state_id(scenario, corridor.to)},
                     {"mode", std::string(to_string(corridor.mode))},
                     {"open", bool_text(corridor.open)}};
    for (const auto& field : kCorridorFields) {
      values.emplace_back(field.key, number_text(corridor.*field.member));
    }
    write_section(out, "corridor", corridor.id, values);
  }

  for (const PathwaySpec& pathway : scenario.pathways) {
    const int nationality_state =
        scenario.nationality_states.at(static_cast<std::size_t>(pathway.nationality));
    write_section(out, "pathway", pathway.id,
                  {{"kind", std::string(to_string(pathway.kind))},
                   {"from", state_id(scenario, pathway.from)},
                   {"to", state_id(scenario, pathway.to)},
                   {"nationality", state_id(scenario, nationality_state)},
                   {"quota", number_text(pathway.quota)}});
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
  return out;
}

}  // namespace migdip::ini
