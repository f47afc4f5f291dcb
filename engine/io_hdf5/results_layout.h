#pragma once
// The names the results layout reserves (docs/results-format.md), shared by writer and reader so
// the two cannot drift apart.

namespace migdip::results_layout {

// Root attributes.
inline constexpr const char* kFormatVersion = "format_version";
/// Major version this build reads; a file with another major version is refused.
inline constexpr int kSupportedMajorVersion = 1;

// Root datasets.
inline constexpr const char* kScenarioText = "scenario_text";
inline constexpr const char* kResolvedScenarioText = "resolved_scenario_text";
inline constexpr const char* kEvents = "events";
/// Dimension scale of the events table: netCDF readers (xarray via h5netcdf) refuse a dataset
/// whose axes have no dimension scale, so the table gets one, holding the row numbers.
inline constexpr const char* kEventRow = "event_row";
/// The deals table (from format 1.1) and its row dimension scale.
inline constexpr const char* kDeals = "deals";
inline constexpr const char* kDealRow = "deal_row";
/// The negotiation log (from format 1.1) and its row dimension scale. Not "negotiations": that
/// is the group of series by negotiation.
inline constexpr const char* kNegotiationLog = "negotiation_log";
inline constexpr const char* kNegotiationRow = "negotiation_row";
/// The group of the open tables (from format 1.2): a netCDF-4 group per table, named after it
/// (`tables/events`, `tables/deals`, `tables/negotiation_log`), holding the same rows as the
/// compound tables as 1-D variables along the group's dimension `row`. Not a group of series:
/// readers of the groups of variables skip it.
inline constexpr const char* kTables = "tables";
inline constexpr const char* kTableRow = "row";
/// The first minor version of major 1 whose files must hold the deals and negotiation log;
/// files of format 1.0 predate them and read as empty tables.
inline constexpr int kFirstMinorVersionWithDeals = 1;

// Group attributes.
inline constexpr const char* kDescription = "description";
/// On a group: every auxiliary coordinate of the group, space-separated (xarray's own
/// convention for coordinates no variable names). On a variable: those along its dimensions.
inline constexpr const char* kCoordinates = "coordinates";

// Variable and coordinate attributes.
inline constexpr const char* kUnits = "units";
inline constexpr const char* kLongName = "long_name";
/// CF: how an aggregated series covers its interval ("time: sum", "time: point", "time: mean");
/// absent from series written per tick.
inline constexpr const char* kCellMethods = "cell_methods";

// Fields of the tables, named after the members of EventRow, DealRow and NegotiationRow (their
// order in each table is set in record_tables.cpp). Shared by several tables: tick, date,
// value (events, negotiation log), deal and negotiation (deals, negotiation log).
inline constexpr const char* kTickField = "tick";
inline constexpr const char* kDateField = "date";
inline constexpr const char* kEventField = "event";
inline constexpr const char* kTypeField = "type";
inline constexpr const char* kTargetField = "target";
inline constexpr const char* kParameterField = "parameter";
inline constexpr const char* kValueField = "value";
inline constexpr const char* kDealField = "deal";
inline constexpr const char* kNegotiationField = "negotiation";
inline constexpr const char* kDemanderField = "demander";
inline constexpr const char* kPartnerField = "partner";
inline constexpr const char* kTermsField = "terms";
inline constexpr const char* kConditionalityField = "conditionality";
inline constexpr const char* kPaymentPerMonthField = "payment_per_month";
inline constexpr const char* kSignedTickField = "signed_tick";
inline constexpr const char* kSignedDateField = "signed_date";
inline constexpr const char* kEndTickField = "end_tick";
inline constexpr const char* kEndDateField = "end_date";
inline constexpr const char* kStatusField = "status";
inline constexpr const char* kPaidField = "paid";
inline constexpr const char* kComplianceField = "compliance";
inline constexpr const char* kDemanderGainField = "demander_gain";
inline constexpr const char* kPartnerGainField = "partner_gain";
inline constexpr const char* kActionField = "action";
inline constexpr const char* kActorField = "actor";
inline constexpr const char* kInstrumentField = "instrument";

}  // namespace migdip::results_layout
