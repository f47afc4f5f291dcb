#include "io_hdf5/record_tables.h"

#include "io_hdf5/results_layout.h"

namespace migdip::hdf5 {

namespace layout = results_layout;

// The order of the fields here is the column order of each table.

// Each field's meaning gives the long_name and units of its variable in the table's netCDF
// group (docs/results-format.md lists them); a date field becomes a CF time there.

namespace {
constexpr bool kDate = true;
}  // namespace

const RowLayout<EventRow>& events_table() {
  static const RowLayout<EventRow> table{
      layout::kEvents,
      layout::kEventRow,
      "events applied during the run, one row per event, in order of application",
      {{layout::kTickField, &EventRow::tick, {"tick at which the event applied", "1"}},
       {layout::kDateField, &EventRow::date, {"start of the tick", "", kDate}},
       {layout::kEventField, &EventRow::event, {"event id from the scenario"}},
       {layout::kTypeField, &EventRow::type, {"event type"}},
       {layout::kTargetField, &EventRow::target, {"what it applied to"}},
       {layout::kParameterField,
        &EventRow::parameter,
        {"for set events: the parameter changed, else empty"}},
       {layout::kValueField, &EventRow::value, {"new value, amount (EUR) or facilitation"}}}};
  return table;
}

const RowLayout<DealRow>& deals_table() {
  static const RowLayout<DealRow> table{
      layout::kDeals,
      layout::kDealRow,
      "deals signed during the run, one row per deal, in order of signature",
      {{layout::kDealField,
        &DealRow::deal,
        {"row of the deal, which negotiation_log.deal refers to"}},
       {layout::kNegotiationField, &DealRow::negotiation, {"negotiation id from the scenario"}},
       {layout::kDemanderField,
        &DealRow::demander,
        {"state or bloc that wants the partner's commitments and pays for them"}},
       {layout::kPartnerField, &DealRow::partner, {"state whose commitments are sought"}},
       {layout::kTermsField, &DealRow::terms, {"instrument ids of the bundle agreed, joined by +"}},
       {layout::kConditionalityField,
        &DealRow::conditionality,
        {"how payments respond to compliance: none, positive, negative or reverse"}},
       {layout::kPaymentPerMonthField,
        &DealRow::payment_per_month,
        {"payment agreed, before conditionality", "EUR/month"}},
       {layout::kSignedTickField, &DealRow::signed_tick, {"tick at which it was signed", "1"}},
       {layout::kSignedDateField,
        &DealRow::signed_date,
        {"start of the tick it was signed", "", kDate}},
       {layout::kEndTickField,
        &DealRow::end_tick,
        {"tick at which it ended, or will expire if still active", "1"}},
       {layout::kEndDateField, &DealRow::end_date, {"start of the end tick", "", kDate}},
       {layout::kStatusField,
        &DealRow::status,
        {"how it stands at the end of the run: active, expired, breached, voided or renegotiated"}},
       {layout::kPaidField, &DealRow::paid, {"total paid under it", "EUR"}},
       {layout::kComplianceField,
        &DealRow::compliance,
        {"the partner's delivered share of its commitments, last observed", "1"}},
       {layout::kDemanderGainField,
        &DealRow::demander_gain,
        {"what the demander expected to gain from it at signing", "EUR/month"}},
       {layout::kPartnerGainField,
        &DealRow::partner_gain,
        {"what the partner expected to gain from it at signing", "EUR/month"}}}};
  return table;
}

const RowLayout<NegotiationRow>& negotiation_log_table() {
  static const RowLayout<NegotiationRow> table{
      layout::kNegotiationLog,
      layout::kNegotiationRow,
      "the negotiation log: offers, acceptances, threats and deal ends, one row per entry, in "
      "tick order",
      {{layout::kTickField, &NegotiationRow::tick, {"tick of the entry", "1"}},
       {layout::kDateField, &NegotiationRow::date, {"start of the tick", "", kDate}},
       {layout::kNegotiationField, &NegotiationRow::negotiation, {"negotiation id"}},
       {layout::kDealField,
        &NegotiationRow::deal,
        {"row of the deals table concerned, -1 for none"}},
       {layout::kActionField, &NegotiationRow::action, {"what happened"}},
       {layout::kActorField, &NegotiationRow::actor, {"state or bloc that acted"}},
       {layout::kInstrumentField,
        &NegotiationRow::instrument,
        {"threat instrument id, empty for none"}},
       {layout::kValueField,
        &NegotiationRow::value,
        {"payment (EUR/month) for proposed, accepted and deal_* actions; the threat's "
         "credibility (1) for threat_* actions"}}}};
  return table;
}

namespace {

template <typename Row>
void write_open_table(const H5::Group& tables, const RowLayout<Row>& table,
                      const std::vector<Row>& rows, const TableTimes& times) {
  write_table_group(tables, table.table(), table.description(), table.columns(rows), times);
}

}  // namespace

void write_open_tables(const H5::Group& file, const RecordTables& tables, const TableTimes& times) {
  const H5::Group group = create_group(file, layout::kTables);
  write_text_attribute(group, layout::kDescription,
                       "the tables of the run as netCDF groups of 1-D variables along `row`");
  write_open_table(group, events_table(), tables.events, times);
  write_open_table(group, deals_table(), tables.deals, times);
  write_open_table(group, negotiation_log_table(), tables.negotiation_log, times);
}

}  // namespace migdip::hdf5
