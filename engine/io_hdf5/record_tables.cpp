#include "io_hdf5/record_tables.h"

#include "io_hdf5/results_layout.h"

namespace migdip::hdf5 {

namespace layout = results_layout;

// The order of the fields here is the column order of each table.

const RowLayout<EventRow>& events_table() {
  static const RowLayout<EventRow> table{layout::kEvents,
                                         layout::kEventRow,
                                         {{layout::kTickField, &EventRow::tick},
                                          {layout::kDateField, &EventRow::date},
                                          {layout::kEventField, &EventRow::event},
                                          {layout::kTypeField, &EventRow::type},
                                          {layout::kTargetField, &EventRow::target},
                                          {layout::kParameterField, &EventRow::parameter},
                                          {layout::kValueField, &EventRow::value}}};
  return table;
}

const RowLayout<DealRow>& deals_table() {
  static const RowLayout<DealRow> table{
      layout::kDeals,
      layout::kDealRow,
      {{layout::kDealField, &DealRow::deal},
       {layout::kNegotiationField, &DealRow::negotiation},
       {layout::kDemanderField, &DealRow::demander},
       {layout::kPartnerField, &DealRow::partner},
       {layout::kTermsField, &DealRow::terms},
       {layout::kConditionalityField, &DealRow::conditionality},
       {layout::kPaymentPerMonthField, &DealRow::payment_per_month},
       {layout::kSignedTickField, &DealRow::signed_tick},
       {layout::kSignedDateField, &DealRow::signed_date},
       {layout::kEndTickField, &DealRow::end_tick},
       {layout::kEndDateField, &DealRow::end_date},
       {layout::kStatusField, &DealRow::status},
       {layout::kPaidField, &DealRow::paid},
       {layout::kComplianceField, &DealRow::compliance},
       {layout::kDemanderGainField, &DealRow::demander_gain},
       {layout::kPartnerGainField, &DealRow::partner_gain}}};
  return table;
}

const RowLayout<NegotiationRow>& negotiation_log_table() {
  static const RowLayout<NegotiationRow> table{
      layout::kNegotiationLog,
      layout::kNegotiationRow,
      {{layout::kTickField, &NegotiationRow::tick},
       {layout::kDateField, &NegotiationRow::date},
       {layout::kNegotiationField, &NegotiationRow::negotiation},
       {layout::kDealField, &NegotiationRow::deal},
       {layout::kActionField, &NegotiationRow::action},
       {layout::kActorField, &NegotiationRow::actor},
       {layout::kInstrumentField, &NegotiationRow::instrument},
       {layout::kValueField, &NegotiationRow::value}}};
  return table;
}

}  // namespace migdip::hdf5
