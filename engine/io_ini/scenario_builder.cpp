#include "io_ini/scenario_builder.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "io_ini/did_you_mean.h"
#include "io_ini/key_table.h"
#include "io_ini/section_reader.h"
#include "io_ini/spec_fields.h"
#include "io_ini/strategic_input_fields.h"
#include "io_ini/value_parsing.h"
#include "migdip/core/calendar.h"
#include "migdip/core/error.h"
#include "migdip/core/quote.h"
#include "migdip/recording/record_selection.h"

namespace migdip::ini {
namespace {

using std::chrono::sys_days;

// The calendar handles years up to 32767, but nothing after this date is meaningful and the
// bound keeps a mistyped tick count from allocating gigabytes.
constexpr std::chrono::year kLastYear{9999};

bool valid_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// The start of tick `ticks` (the day after the run), or nullopt when it lies after kLastYear.
std::optional<sys_days> run_end(sys_days start, TickLength length, std::uint64_t ticks) {
  constexpr std::uint64_t kMostDays = 10000ULL * 366;
  if (ticks > kMostDays) {
    return std::nullopt;
  }
  const auto count = static_cast<int>(ticks);
  sys_days end;
  switch (length) {
    case TickLength::day:
      end = start + std::chrono::days{count};
      break;
    case TickLength::week:
      end = start + std::chrono::days{7LL * count};
      break;
    case TickLength::month: {
      const std::chrono::year_month_day first{start};
      const auto month = first.year() / first.month() + std::chrono::months{count};
      if (month.year() > kLastYear) {
        return std::nullopt;
      }
      end = sys_days{month / std::chrono::day{1}};
      break;
    }
  }
  if (std::chrono::year_month_day{end}.year() > kLastYear) {
    return std::nullopt;
  }
  return end;
}

std::optional<EventType> event_type_named(std::string_view name) {
  for (EventType type : kEventTypes) {
    if (to_string(type) == name) {
      return type;
    }
  }
  return std::nullopt;
}

// A name the key table's choices let through.
InstrumentType known_instrument_type(std::string_view name) {
  const std::optional<InstrumentType> type = instrument_type_named(name);
  if (!type) {
    throw InternalError("no instrument type named '" + std::string(name) + "'");
  }
  return *type;
}

// Whether instruments of this type use the key, as the key table's applies_to lists say.
bool instrument_uses(std::string_view key, std::string_view type) {
  const KeySpec* spec = find_section_spec("instrument")->find(key);
  if (spec == nullptr) {
    throw InternalError("no instrument key '" + std::string(key) + "'");
  }
  return spec->used_by(type);
}

Lever parameter_named(std::string_view name) {
  for (Lever parameter : event_parameters()) {
    if (to_string(parameter) == name) {
      return parameter;
    }
  }
  throw InternalError("no event parameter named '" + std::string(name) + "'");
}

// Ids to indices for the sections read so far: a scenario may have tens of thousands of states
// and corridors, and a linear search per reference would take quadratic time. Sections are only
// appended while building, so the index catches up with the new ones on each lookup.
template <typename Spec>
class IdIndex {
 public:
  std::optional<int> find(const std::vector<Spec>& items, std::string_view id) {
    for (; indexed_ < items.size(); ++indexed_) {
      indices_.try_emplace(items[indexed_].id, static_cast<int>(indexed_));
    }
    const auto found = indices_.find(std::string(id));
    return found == indices_.end() ? std::nullopt : std::optional<int>(found->second);
  }

 private:
  std::unordered_map<std::string, int> indices_;
  std::size_t indexed_ = 0;
};

template <LeverOwner Owner>
void read_levers(const SectionReader& reader, LeverValues<Owner>& levers) {
  for (const LeverTraits& lever : levers_of(Owner)) {
    if (lever.keyed) {
      levers(lever.lever) = reader.number(lever.name);
    }
  }
}

class ScenarioBuilder {
 public:
  explicit ScenarioBuilder(const IniDocument& document) : document_(document) {
    scenario_.sources.file = document.file;
  }

  Scenario build() {
    check_headers();
    read_settings();
    if (const IniSection* section = single("model")) {
      read_model(*section);
    }
    if (const IniSection* section = single("outputs")) {
      read_outputs(*section);
    }
    if (const IniSection* section = single("diplomacy")) {
      read_diplomacy(*section);
    }
    const Calendar calendar = scenario_.calendar();
    read_states(calendar);
    for (const IniSection* section : sections_of("bloc")) {
      read_bloc(*section, calendar);
    }
    for (const IniSection* section : sections_of("corridor")) {
      read_corridor(*section);
    }
    for (const IniSection* section : sections_of("pathway")) {
      read_pathway(*section);
    }
    for (const IniSection* section : sections_of("stock")) {
      read_stock(*section);
    }
    // Instruments before events: a `set` event may change an instrument's valuation.
    for (const IniSection* section : sections_of("instrument")) {
      read_instrument(*section);
    }
    for (const IniSection* section : sections_of("event")) {
      read_event(*section, calendar);
    }
    sort_events_by_tick();
    for (const IniSection* section : sections_of("negotiation")) {
      read_negotiation(*section, calendar);
    }
    scenario_.index_nationalities();
    return std::move(scenario_);
  }

 private:
  InputError header_error(const IniSection& section, const std::string& problem) const {
    return InputError({document_.file, section.line, section.name(), ""}, problem);
  }

  void check_headers() const {
    const auto kinds = section_kinds();
    for (const IniSection& section : document_.sections) {
      const SectionSpec* spec = find_section_spec(section.kind);
      if (spec == nullptr) {
        throw header_error(section, "unknown section kind " + quote(section.kind) +
                                        did_you_mean(section.kind, kinds));
      }
      if (spec->singleton && !section.id.empty()) {
        throw header_error(section, "a [" + section.kind + "] section takes no id");
      }
      if (!spec->singleton && section.id.empty()) {
        throw header_error(section,
                           "a [" + section.kind + "] section needs an id: " + spec->header);
      }
      if (section.kind == "stock") {
        stock_ids(section);
      } else if (!spec->singleton && !valid_id(section.id)) {
        throw header_error(section, "invalid id " + quote(section.id) +
                                        ": ids are made of letters, digits, '_' and '-'");
      }
    }
  }

  // NAT and LOC of a [stock NAT in LOC] header.
  std::pair<std::string, std::string> stock_ids(const IniSection& section) const {
    const std::string& id = section.id;
    const std::size_t in = id.find(" in ");
    if (in == std::string::npos || !valid_id(id.substr(0, in)) || !valid_id(id.substr(in + 4))) {
      throw header_error(section,
                         "expected [stock NAT in LOC] with two state ids, e.g. [stock SYR in TUR]");
    }
    return {id.substr(0, in), id.substr(in + 4)};
  }

  std::vector<const IniSection*> sections_of(std::string_view kind) const {
    std::vector<const IniSection*> found;
    for (const IniSection& section : document_.sections) {
      if (section.kind == kind) {
        found.push_back(&section);
      }
    }
    return found;
  }

  const IniSection* single(std::string_view kind) const {
    const auto found = sections_of(kind);
    return found.empty() ? nullptr : found.front();
  }

  SectionReader reader_for(const IniSection& section) const {
    return SectionReader(document_, section, *find_section_spec(section.kind));
  }

  // Events apply in tick order, and in file order within a tick; where each was written moves
  // with it.
  void sort_events_by_tick() {
    std::vector<EventSpec>& events = scenario_.events;
    std::vector<std::size_t> order(events.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return events[a].tick < events[b].tick; });
    std::vector<EventSpec> sorted;
    std::vector<WrittenItem> sources;
    sorted.reserve(events.size());
    sources.reserve(events.size());
    for (std::size_t i : order) {
      sorted.push_back(std::move(events[i]));
      sources.push_back(std::move(scenario_.sources.events[i]));
    }
    events = std::move(sorted);
    scenario_.sources.events = std::move(sources);
  }

  void read_settings() {
    const IniSection* section = single("scenario");
    if (section == nullptr) {
      throw InputError({document_.file, 0, "scenario", ""}, "missing required section [scenario]");
    }
    const SectionReader reader = reader_for(*section);
    scenario_.sources.settings = written_item(*section);
    ScenarioSettings& settings = scenario_.settings;
    settings.name = reader.text("name");
    if (settings.name.empty()) {
      throw reader.error("name", "must not be empty");
    }
    settings.description = reader.optional_text("description").value_or("");
    settings.start_date = reader.date("start_date");
    const std::string length = reader.choice("tick_length");
    settings.tick_length = length == "day"    ? TickLength::day
                           : length == "week" ? TickLength::week
                                              : TickLength::month;
    settings.seed = reader.integer("seed");
    settings.run = static_cast<std::uint32_t>(reader.integer("run"));
    settings.mode = reader.choice("mode") == "stochastic" ? SimulationMode::stochastic
                                                          : SimulationMode::expected;
    settings.ticks = reader.has("ticks") ? ticks_given(reader) : ticks_to_end_date(reader);
  }

  int ticks_given(const SectionReader& reader) const {
    const ScenarioSettings& settings = scenario_.settings;
    const std::uint64_t ticks = reader.integer("ticks");
    if (!run_end(settings.start_date, settings.tick_length, ticks)) {
      throw reader.error("ticks", "the run would end after the year 9999");
    }
    return static_cast<int>(ticks);
  }

  int ticks_to_end_date(const SectionReader& reader) const {
    const ScenarioSettings& settings = scenario_.settings;
    const sys_days end = reader.date("end_date");
    if (end < settings.start_date) {
      throw reader.error(
          "end_date", "must not be before start_date (" + format_date(settings.start_date) + ")");
    }
    // Enough ticks to reach past the end date; the calendar then decides where they start.
    const auto days = static_cast<std::uint64_t>((end - settings.start_date).count());
    std::uint64_t bound = days + 2;
    if (settings.tick_length == TickLength::week) {
      bound = days / 7 + 2;
    } else if (settings.tick_length == TickLength::month) {
      const std::chrono::year_month_day first{settings.start_date};
      const std::chrono::year_month_day last{end};
      bound = static_cast<std::uint64_t>(
                  (last.year() / last.month() - first.year() / first.month()).count()) +
              2;
    }
    if (!run_end(settings.start_date, settings.tick_length, bound)) {
      throw reader.error("end_date", "the run would end after the year 9999");
    }
    const Calendar calendar(settings.start_date, settings.tick_length, static_cast<int>(bound));
    int ticks = 0;
    while (ticks < calendar.ticks() && calendar.tick_start(ticks) <= end) {
      ++ticks;
    }
    return ticks;
  }

  void read_outputs(const IniSection& section) {
    const SectionReader reader = reader_for(section);
    scenario_.sources.outputs = written_item(section);
    OutputSettings& outputs = scenario_.outputs;
    outputs.stocks_by_location = reader.boolean("stocks_by_location");
    // Each item names series of the recorder's; a misspelt one is caught here, with a suggestion.
    const std::vector<std::string> names = output_names();
    const auto series = [&](std::string_view key) {
      std::vector<std::string> items;
      if (reader.has(key)) {
        items = reader.list(key);
      }
      for (const std::string& item : items) {
        if (const std::optional<std::string> problem = output_name_problem(item)) {
          throw reader.error(key, *problem + did_you_mean(item, names));
        }
      }
      return items;
    };
    outputs.variables = series("variables");
    outputs.exclude = series("exclude");
    const std::string interval = reader.choice("interval");
    outputs.interval = interval == "tick"    ? OutputInterval::tick
                       : interval == "month" ? OutputInterval::month
                       : interval == "year"  ? OutputInterval::year
                                             : OutputInterval::run;
    outputs.precision = reader.choice("precision") == "float32" ? OutputPrecision::float32
                                                                : OutputPrecision::float64;
    const std::string compression = reader.choice("compression");
    outputs.compression = compression == "auto" ? kAutomaticCompression : std::stoi(compression);
    outputs.large_series_limit = reader.integer("large_series_limit");
  }

  void read_model(const IniSection& section) {
    const SectionReader reader = reader_for(section);
    scenario_.sources.model = written_item(section);
    for (const auto& field : kModelFields) {
      scenario_.model.*field.member = reader.number(field.key);
    }
    read_sea_seasonality(reader);
  }

  // Twelve comma-separated numbers (repeats allowed, unlike lists of ids); check_scenario
  // checks their range.
  void read_sea_seasonality(const SectionReader& reader) {
    const std::string text = reader.text(kSeaSeasonalityKey);
    std::array<double, 12>& factors = scenario_.model.sea_seasonality;
    std::size_t count = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t comma = std::min(text.find(',', start), text.size());
      const std::string_view item = trim(std::string_view(text).substr(start, comma - start));
      if (count < factors.size()) {
        try {
          factors[count] = parse_number(item);
        } catch (const ValueError& problem) {
          throw reader.error(kSeaSeasonalityKey,
                             "month " + std::to_string(count + 1) + ": " + problem.what());
        }
      }
      ++count;
      start = comma + 1;
    }
    if (count != factors.size()) {
      throw reader.error(kSeaSeasonalityKey,
                         "must list 12 numbers, January to December, got " + std::to_string(count));
    }
  }

  std::vector<std::string> ids_of(std::string_view kind) const {
    std::vector<std::string> ids;
    for (const IniSection* section : sections_of(kind)) {
      ids.push_back(section->id);
    }
    return ids;
  }

  void read_diplomacy(const IniSection& section) {
    const SectionReader reader = reader_for(section);
    scenario_.sources.diplomacy = written_item(section);
    DiplomacySettings& diplomacy = scenario_.diplomacy;
    diplomacy.protocol = reader.choice("protocol") == "rubinstein" ? BargainingProtocol::rubinstein
                                                                   : BargainingProtocol::nash;
    for (const auto& field : kDiplomacyFields) {
      diplomacy.*field.member = reader.number(field.key);
    }
    diplomacy.value_onward_moves = reader.boolean("value_onward_moves");
  }

  // The tick containing a date given by `key`, which must fall inside the run.
  int tick_of_date(const SectionReader& reader, std::string_view key, sys_days date,
                   const Calendar& calendar) const {
    if (auto tick = calendar.tick_of(date)) {
      return *tick;
    }
    throw reader.error(
        key, format_date(date) + " is outside the run (" + format_date(calendar.start_date()) +
                 " to " +
                 format_date(calendar.tick_start(calendar.ticks()) - std::chrono::days{1}) + ")");
  }

  ActorConduct read_conduct(const SectionReader& reader, const Calendar& calendar) const {
    ActorConduct conduct;
    for (const auto& field : kConductFields) {
      conduct.*field.member = reader.number(field.key);
    }
    if (auto date = reader.optional_date("next_election")) {
      conduct.election_tick = tick_of_date(reader, "next_election", *date, calendar);
    }
    return conduct;
  }

  BudgetLine read_budget(const SectionReader& reader) const {
    BudgetLine budget;
    for (const auto& field : kBudgetFields) {
      budget.*field.member = reader.number(field.key);
    }
    return budget;
  }

  void read_states(const Calendar& calendar) {
    const auto sections = sections_of("state");
    if (sections.empty()) {
      throw InputError({document_.file, 0, "", ""},
                       "no [state ID] sections: a scenario needs at least one state");
    }
    for (const IniSection* section : sections) {
      const SectionReader reader = reader_for(*section);
      StateSpec state;
      state.id = section->id;
      state.name = reader.optional_text("name").value_or(section->id);
      if (state.name.empty()) {
        throw reader.error("name", "must not be empty (leave the key out to use the id)");
      }
      for (const std::string& role : reader.list("roles")) {
        const StateRole bit = role == "origin"    ? StateRole::origin
                              : role == "transit" ? StateRole::transit
                                                  : StateRole::destination;
        state.roles = static_cast<std::uint8_t>(state.roles | static_cast<std::uint8_t>(bit));
      }
      for (const auto& field : kStateFields) {
        state.*field.member = reader.number(field.key);
      }
      read_levers(reader, state.lever);
      for (const auto& field : kPreferenceFields) {
        state.preferences.*field.member = reader.number(field.key);
      }
      state.conduct = read_conduct(reader, calendar);
      for (const auto& field : kDomesticPoliticsFields) {
        state.politics.*field.member = reader.number(field.key);
      }
      state.budget = read_budget(reader);
      state.initial_salience = reader.number("initial_salience");
      for (const auto& field : kAidFields) {
        state.aid.*field.member = reader.number(field.key);
      }
      scenario_.states.push_back(std::move(state));
      scenario_.sources.states.push_back(written_item(*section));
    }
    // Once every state is known: a state may name one declared after it.
    for (std::size_t s = 0; s < sections.size(); ++s) {
      const SectionReader reader = reader_for(*sections[s]);
      if (reader.has("offshore_state")) {
        scenario_.states[s].offshore_state = state_index(reader, "offshore_state");
      }
    }
    scenario_.index_nationalities();
  }

  int state_index(const SectionReader& reader, std::string_view key, std::string_view id) const {
    if (auto index = state_ids_.find(scenario_.states, id)) {
      return *index;
    }
    const auto states = ids_of("state");
    throw reader.error(key, "unknown state " + quote(id) + did_you_mean(id, states));
  }

  int state_index(const SectionReader& reader, std::string_view key) const {
    return state_index(reader, key, reader.text(key));
  }

  int nationality_index(const SectionReader& reader, std::string_view key, int state) const {
    if (auto nationality = scenario_.nationality_of_state(state)) {
      return *nationality;
    }
    const std::string& id = scenario_.states[static_cast<std::size_t>(state)].id;
    throw reader.error(key, "state " + quote(id) +
                                " has no origin role, so its people are not a nationality of "
                                "the model");
  }

  void read_bloc(const IniSection& section, const Calendar& calendar) {
    const SectionReader reader = reader_for(section);
    BlocSpec bloc;
    bloc.id = section.id;
    bloc.name = reader.optional_text("name").value_or(section.id);
    if (bloc.name.empty()) {
      throw reader.error("name", "must not be empty (leave the key out to use the id)");
    }
    for (const std::string& member : reader.list("members")) {
      bloc.members.push_back(state_index(reader, "members", member));
    }
    bloc.conduct = read_conduct(reader, calendar);
    read_burden_sharing(reader, bloc);
    bloc.budget = read_budget(reader);
    scenario_.blocs.push_back(std::move(bloc));
    scenario_.sources.blocs.push_back(written_item(section));
  }

  // The key, and with `explicit` every member's weight written MEMBER:WEIGHT. A member left
  // out keeps a NaN weight, which check_scenario names.
  void read_burden_sharing(const SectionReader& reader, BlocSpec& bloc) const {
    const std::string sharing = reader.choice("burden_sharing");
    bloc.burden_sharing = sharing == "gdp"        ? BurdenSharing::gdp
                          : sharing == "equal"    ? BurdenSharing::equal
                          : sharing == "explicit" ? BurdenSharing::explicit_shares
                                                  : BurdenSharing::population;
    if (!reader.has("burden_shares")) {
      return;
    }
    bloc.burden_shares.assign(bloc.members.size(), std::numeric_limits<double>::quiet_NaN());
    for (const std::string& item : reader.list("burden_shares")) {
      const std::size_t colon = item.find(':');
      if (colon == std::string::npos) {
        throw reader.error("burden_shares", quote(item) + " is not MEMBER:WEIGHT (e.g. DEU:0.25)");
      }
      const std::string id(trim(std::string_view(item).substr(0, colon)));
      const int state = state_index(reader, "burden_shares", id);
      const auto member = std::find(bloc.members.begin(), bloc.members.end(), state);
      if (member == bloc.members.end()) {
        throw reader.error("burden_shares", "state " + quote(id) + " is not a member of the bloc");
      }
      try {
        bloc.burden_shares[static_cast<std::size_t>(member - bloc.members.begin())] =
            parse_number(std::string_view(item).substr(colon + 1));
      } catch (const ValueError& problem) {
        throw reader.error("burden_shares", quote(id) + ": " + problem.what());
      }
    }
  }

  void read_corridor(const IniSection& section) {
    const SectionReader reader = reader_for(section);
    CorridorSpec corridor;
    corridor.id = section.id;
    corridor.from = state_index(reader, "from");
    corridor.to = state_index(reader, "to");
    const std::string mode = reader.choice("mode");
    corridor.mode = mode == "land"  ? CorridorMode::land
                    : mode == "sea" ? CorridorMode::sea
                                    : CorridorMode::air;
    for (const auto& field : kCorridorFields) {
      corridor.*field.member = reader.number(field.key);
    }
    read_levers(reader, corridor.lever);
    for (const Lever lever : kBorderLevers) {
      if (traits_of(lever).keyed) {
        corridor.border(lever) = reader.optional_number(to_string(lever));
      }
    }
    corridor.open = reader.boolean("open");
    scenario_.corridors.push_back(std::move(corridor));
    scenario_.sources.corridors.push_back(written_item(section));
  }

  void read_pathway(const IniSection& section) {
    const SectionReader reader = reader_for(section);
    PathwaySpec pathway;
    pathway.id = section.id;
    pathway.kind =
        reader.choice("kind") == "labour" ? PathwayKind::labour : PathwayKind::resettlement;
    pathway.from = state_index(reader, "from");
    pathway.to = state_index(reader, "to");
    if (pathway.kind == PathwayKind::resettlement) {
      if (!reader.has("nationality")) {
        throw reader.missing("nationality", "resettlement pathways move one nationality");
      }
      pathway.nationality =
          nationality_index(reader, "nationality", state_index(reader, "nationality"));
    } else {
      // Labour pathways move people from their own country, which check_scenario holds them to:
      // `nationality` may only restate `from`. A state that is no nationality stands as -1.
      const int state =
          reader.has("nationality") ? state_index(reader, "nationality") : pathway.from;
      pathway.nationality = scenario_.nationality_of_state(state).value_or(-1);
    }
    read_levers(reader, pathway.lever);
    scenario_.pathways.push_back(std::move(pathway));
    scenario_.sources.pathways.push_back(written_item(section));
  }

  void read_stock(const IniSection& section) {
    const SectionReader reader = reader_for(section);
    const auto [nationality_id, location_id] = stock_ids(section);
    InitialStock stock;
    stock.nationality = nationality_index(reader, "", state_index(reader, "", nationality_id));
    stock.location = state_index(reader, "", location_id);
    for (std::size_t status = 0; status < kStatusCount; ++status) {
      stock.people[status] = reader.number(kStatusNames[status]);
    }
    scenario_.initial_stocks.push_back(stock);
    scenario_.sources.stocks.push_back(written_item(section));
  }

  Party party(const SectionReader& reader, std::string_view key) const {
    const std::string id = reader.text(key);
    if (auto state = state_ids_.find(scenario_.states, id)) {
      return Party{TargetKind::state, *state};
    }
    if (auto bloc = bloc_ids_.find(scenario_.blocs, id)) {
      return Party{TargetKind::bloc, *bloc};
    }
    std::vector<std::string> ids = ids_of("state");
    for (std::string& bloc : ids_of("bloc")) {
      ids.push_back(std::move(bloc));
    }
    throw reader.error(key, "unknown state or bloc " + quote(id) + did_you_mean(id, ids));
  }

  // The index of the state, bloc, corridor or pathway named by the key of that name.
  int reference(const SectionReader& reader, std::string_view key) const {
    if (key == "state") {
      return state_index(reader, key);
    }
    const std::string id = reader.text(key);
    const std::optional<int> index = key == "bloc" ? bloc_ids_.find(scenario_.blocs, id)
                                     : key == "corridor"
                                         ? corridor_ids_.find(scenario_.corridors, id)
                                         : pathway_ids_.find(scenario_.pathways, id);
    if (!index) {
      const auto ids = ids_of(key);
      throw reader.error(key,
                         "unknown " + std::string(key) + " " + quote(id) + did_you_mean(id, ids));
    }
    return *index;
  }

  // A corridor named in a list key.
  int corridor_index(const SectionReader& reader, std::string_view key,
                     const std::string& id) const {
    if (auto index = corridor_ids_.find(scenario_.corridors, id)) {
      return *index;
    }
    const auto ids = ids_of("corridor");
    throw reader.error(key, "unknown corridor " + quote(id) + did_you_mean(id, ids));
  }

  int event_tick(const SectionReader& reader, const Calendar& calendar) const {
    const int ticks = calendar.ticks();
    if (auto date = reader.optional_date("date")) {
      return tick_of_date(reader, "date", *date, calendar);
    }
    const std::uint64_t tick = reader.integer("tick");
    if (tick >= static_cast<std::uint64_t>(ticks)) {
      throw reader.error("tick", fmt::format("must be in [0, {}) (the run has {} ticks), got {}",
                                             ticks, ticks, tick));
    }
    return static_cast<int>(tick);
  }

  void require(const SectionReader& reader, std::string_view key, std::string_view type,
               std::string_view what = "events") const {
    if (!reader.has(key)) {
      throw reader.missing(key, std::string(what) + " of type '" + std::string(type) + "' need it");
    }
  }

  void read_set(const SectionReader& reader, EventSpec& event) const {
    std::vector<std::string> given;
    for (std::string_view key : {"state", "bloc", "corridor", "pathway", "instrument"}) {
      if (reader.has(key)) {
        given.emplace_back(key);
      }
    }
    if (given.size() != 1) {
      throw given.empty()
          ? reader.section_error(
                "a 'set' event needs a target: one of state, bloc, corridor, pathway or "
                "instrument")
          : reader.error(given[1], "a 'set' event has one target, but both '" + given[0] +
                                       "' and '" + given[1] + "' are given");
    }
    const std::string& target_key = given.front();
    event.target = target_key == "instrument"
                       ? instrument_index(reader, target_key, reader.text(target_key))
                       : reference(reader, target_key);
    event.target_kind = target_key == "state"        ? TargetKind::state
                        : target_key == "bloc"       ? TargetKind::bloc
                        : target_key == "corridor"   ? TargetKind::corridor
                        : target_key == "instrument" ? TargetKind::instrument
                                                     : TargetKind::pathway;
    require(reader, "parameter", "set");
    const std::string parameter = reader.choice("parameter");
    if (const std::optional<StanceParameter> stance = stance_parameter_named(parameter)) {
      // Not a lever: its value is checked against the parameter's own range.
      event.stance = stance;
      const LeverRange& allowed = traits_of(*stance).range;
      Range range;
      range.low = allowed.low;
      range.low_open = allowed.low_open;
      range.high = allowed.high;
      require(reader, "value", "set");
      event.value = reader.number("value", range, allowed.unlimited);
      return;
    }
    event.parameter = parameter_named(parameter);
    // The value is read as the key of the parameter's name in the target's section (a bloc's
    // members are states). A parameter that section lacks is not the target's: check_scenario
    // says so, and no value is read in a range that would not apply.
    const TargetKind section_kind =
        event.target_kind == TargetKind::bloc ? TargetKind::state : event.target_kind;
    const KeySpec* key =
        section_kind == TargetKind::instrument
            ? nullptr
            : find_section_spec(section_kind_of(section_kind))->find(to_string(event.parameter));
    if (key != nullptr && event.target_kind != TargetKind::instrument) {
      require(reader, "value", "set");
      event.value = reader.number("value", key->range, key->unlimited);
    }
  }

  // A surge by a state, or aimed at one of its borders (a corridor leaving it).
  void read_surge_target(const SectionReader& reader, EventSpec& event) const {
    if (reader.has("state") && reader.has("corridor")) {
      throw reader.error("corridor",
                         "an 'engineered_surge' is by a state or aimed at one corridor, but both "
                         "'state' and 'corridor' are given");
    }
    const bool aimed = reader.has("corridor");
    if (!aimed) {
      require(reader, "state", "engineered_surge");
    }
    event.target_kind = aimed ? TargetKind::corridor : TargetKind::state;
    event.target = reference(reader, aimed ? "corridor" : "state");
  }

  void read_transfer(const SectionReader& reader, EventSpec& event) const {
    require(reader, "from", "transfer");
    require(reader, "to", "transfer");
    event.payer = party(reader, "from");
    event.payee = party(reader, "to");
    require(reader, "amount", "transfer");
    event.amount = reader.number("amount");
    event.over_months = reader.number("over_months");
  }

  void read_surge(const SectionReader& reader, EventSpec& event, const Calendar& calendar) const {
    require(reader, "value", "engineered_surge");
    event.value = reader.number("value", Range::closed(0, 1), false);
    read_end(reader, event, calendar);
  }

  // When a surge or a rumour ends: end_date or end_tick, absent for never.
  void read_end(const SectionReader& reader, EventSpec& event, const Calendar& calendar) const {
    const int ticks = calendar.ticks();
    std::optional<int> end;
    std::string key;
    if (auto date = reader.optional_date("end_date")) {
      key = "end_date";
      // The day after the run ends the surge with the run, like end_tick = ticks.
      end =
          *date == calendar.tick_start(ticks) ? std::optional<int>(ticks) : calendar.tick_of(*date);
      if (!end) {
        throw reader.error(key, format_date(*date) + " is outside the run (" +
                                    format_date(calendar.start_date()) + " to " +
                                    format_date(calendar.tick_start(ticks)) + ")");
      }
    } else if (auto tick = reader.optional_integer("end_tick")) {
      key = "end_tick";
      if (*tick > static_cast<std::uint64_t>(ticks)) {
        throw reader.error(key, fmt::format("must be at most {} (the run has {} ticks), got {}",
                                            ticks, ticks, *tick));
      }
      end = static_cast<int>(*tick);
    }
    event.end_tick = end;
  }

  // An announcement or a rumour: a state or a corridor, the parameter claimed and its value
  // (in the parameter's range); when an announced change takes effect, or when a rumour ends.
  void read_claim(const SectionReader& reader, EventSpec& event, const Calendar& calendar,
                  const std::string& type_name) const {
    if (reader.has("state") == reader.has("corridor")) {
      throw reader.has("state")
          ? reader.error("corridor", "an '" + type_name +
                                         "' has one target, but both 'state' and 'corridor' "
                                         "are given")
          : reader.section_error("an '" + type_name +
                                 "' event needs a target: one of state or corridor");
    }
    const bool corridor = reader.has("corridor");
    event.target_kind = corridor ? TargetKind::corridor : TargetKind::state;
    event.target = reference(reader, corridor ? "corridor" : "state");
    require(reader, "parameter", type_name);
    event.parameter = parameter_named(reader.choice("parameter"));
    const KeySpec* key =
        find_section_spec(corridor ? "corridor" : "state")->find(to_string(event.parameter));
    if (key != nullptr) {
      require(reader, "value", type_name);
      event.value = reader.number("value", key->range, key->unlimited);
    }
    event.credibility = reader.number("credibility");
    if (event.type == EventType::announcement) {
      const int ticks = calendar.ticks();
      if (auto date = reader.optional_date("effective_date")) {
        event.effective_tick = tick_of_date(reader, "effective_date", *date, calendar);
      } else if (auto tick = reader.optional_integer("effective_tick")) {
        if (*tick >= static_cast<std::uint64_t>(ticks)) {
          throw reader.error("effective_tick",
                             fmt::format("must be in [0, {}) (the run has {} ticks), got {}", ticks,
                                         ticks, *tick));
        }
        event.effective_tick = static_cast<int>(*tick);
      } else {
        throw reader.missing("effective_date",
                             "announcements need it (or effective_tick): the day the announced "
                             "change takes effect");
      }
    } else {
      read_end(reader, event, calendar);
    }
  }

  void read_event(const IniSection& section, const Calendar& calendar) {
    const SectionReader reader = reader_for(section);
    EventSpec event;
    event.id = section.id;
    const std::string type_name = reader.choice("type");
    event.type = *event_type_named(type_name);
    reader.check_applies_to(type_name, "events");
    event.tick = event_tick(reader, calendar);
    switch (event.type) {
      case EventType::set:
        read_set(reader, event);
        break;
      case EventType::open_corridor:
      case EventType::close_corridor:
        require(reader, "corridor", type_name);
        event.target_kind = TargetKind::corridor;
        event.target = reference(reader, "corridor");
        break;
      case EventType::transfer:
        read_transfer(reader, event);
        break;
      case EventType::coup:
        require(reader, "state", type_name);
        event.target_kind = TargetKind::state;
        event.target = reference(reader, "state");
        for (const LeverTraits& lever : levers_of(LeverOwner::state)) {
          if (lever.coup_choice) {
            event.new_government(lever.lever) = reader.optional_number(lever.name);
          }
        }
        break;
      case EventType::engineered_surge:
        read_surge_target(reader, event);
        read_surge(reader, event, calendar);
        break;
      case EventType::announcement:
      case EventType::rumour:
        read_claim(reader, event, calendar, type_name);
        break;
    }
    scenario_.events.push_back(std::move(event));
    scenario_.sources.events.push_back(written_item(section));
  }

  // The ids of the state, corridor and pathway the instrument's type refers to; they are
  // required.
  void read_instrument_references(const SectionReader& reader, const std::string& type_name,
                                  InstrumentSpec& instrument) const {
    for (const char* key : {"target", "corridor", "pathway"}) {
      if (!instrument_uses(key, type_name)) {
        continue;
      }
      require(reader, key, type_name, "instruments");
      const std::string_view which(key);
      if (which == "target") {
        instrument.target = state_index(reader, key);
      } else if (which == "corridor") {
        instrument.corridor = reference(reader, key);
      } else {
        instrument.pathway = reference(reader, key);
      }
    }
  }

  void read_instrument(const IniSection& section) {
    const SectionReader reader = reader_for(section);
    InstrumentSpec instrument;
    instrument.id = section.id;
    const std::string type_name = reader.choice("type");
    instrument.type = known_instrument_type(type_name);
    reader.check_applies_to(type_name, "instruments");
    instrument.user = party(reader, "user");
    read_instrument_references(reader, type_name, instrument);
    auto used = [&](std::string_view key) { return instrument_uses(key, type_name); };
    if (used("level")) {
      require(reader, "level", type_name, "instruments");
      instrument.level = reader.number(
          "level", level_is_share(instrument.type) ? Range::closed(0, 1) : Range::at_least(0),
          false);
    }
    if (used("amount")) {
      require(reader, "amount", type_name, "instruments");
      instrument.amount = reader.number("amount");
    }
    if (used("value_to_target")) {
      instrument.value_to_target = reader.number("value_to_target");
    }
    instrument.cost_to_user = reader.number("cost_to_user");
    if (used("mobilised_share")) {
      instrument.mobilised_share = reader.number("mobilised_share");
    }
    if (used("corridors") && reader.has("corridors")) {
      for (const std::string& id : reader.list("corridors")) {
        instrument.corridors.push_back(corridor_index(reader, "corridors", id));
      }
    }
    scenario_.instruments.push_back(std::move(instrument));
    scenario_.sources.instruments.push_back(written_item(section));
  }

  int instrument_index(const SectionReader& reader, std::string_view key,
                       std::string_view id) const {
    if (auto index = instrument_ids_.find(scenario_.instruments, id)) {
      return *index;
    }
    const auto ids = ids_of("instrument");
    throw reader.error(key, "unknown instrument " + quote(id) + did_you_mean(id, ids));
  }

  std::vector<int> instrument_list(const SectionReader& reader, std::string_view key) const {
    std::vector<int> indices;
    if (reader.has(key)) {
      for (const std::string& id : reader.list(key)) {
        indices.push_back(instrument_index(reader, key, id));
      }
    }
    return indices;
  }

  void read_agenda(const SectionReader& reader, NegotiationSpec& negotiation) const {
    negotiation.asks = instrument_list(reader, "asks");
    negotiation.offers = instrument_list(reader, "offers");
    if (negotiation.asks.empty() && negotiation.offers.empty()) {
      throw reader.missing("asks", "a negotiation needs an agenda: give 'asks', 'offers' or both");
    }
    if (reader.has("payment")) {
      negotiation.payment = instrument_index(reader, "payment", reader.text("payment"));
    }
    negotiation.threats = instrument_list(reader, "threats");
  }

  static Conditionality conditionality_named(const std::string& name) {
    return name == "none"       ? Conditionality::none
           : name == "negative" ? Conditionality::negative
           : name == "reverse"  ? Conditionality::reverse
                                : Conditionality::positive;
  }

  void read_negotiation(const IniSection& section, const Calendar& calendar) {
    const SectionReader reader = reader_for(section);
    NegotiationSpec negotiation;
    negotiation.id = section.id;
    negotiation.demander = party(reader, "demander");
    negotiation.partner = party(reader, "partner");
    read_agenda(reader, negotiation);
    negotiation.conditionality = conditionality_named(reader.choice("conditionality"));
    negotiation.compliance_basis = reader.choice("compliance_basis") == "outcome"
                                       ? ComplianceBasis::outcome
                                       : ComplianceBasis::lever;
    if (auto date = reader.optional_date("start_date")) {
      negotiation.start_tick = tick_of_date(reader, "start_date", *date, calendar);
    }
    for (const auto& field : kNegotiationFields) {
      negotiation.*field.member = reader.number(field.key);
    }
    negotiation.at_start.items = instrument_list(reader, "in_force_at_start");
    negotiation.at_start.payment_per_month = reader.number("payment_at_start");
    scenario_.negotiations.push_back(std::move(negotiation));
    scenario_.sources.negotiations.push_back(written_item(section));
  }

  const IniDocument& document_;
  Scenario scenario_;
  mutable IdIndex<StateSpec> state_ids_;
  mutable IdIndex<BlocSpec> bloc_ids_;
  mutable IdIndex<CorridorSpec> corridor_ids_;
  mutable IdIndex<PathwaySpec> pathway_ids_;
  mutable IdIndex<InstrumentSpec> instrument_ids_;
};

}  // namespace

Scenario build_scenario(const IniDocument& document) {
  return ScenarioBuilder(document).build();
}

}  // namespace migdip::ini
