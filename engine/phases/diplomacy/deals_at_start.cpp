// Deals in force when the run starts ([negotiation ID] in_force_at_start, payment_at_start): at
// tick 0 each is entered as if signed then, with its commitments already in effect (no
// implementation lag), so that it is monitored, paid, voided, breached and expires like any
// other from the first tick. docs/model.md 7.4 ("Initial conditions").

#include <algorithm>

#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/diplomacy/instrument_levers.h"

namespace migdip {

void DiplomacyPhase::open_deals_at_start(const Session& session) {
  Diplomacy& diplomacy = session.targets.diplomacy;
  for (int n = 0; n < scenario_.negotiation_count(); ++n) {
    const Table table = table_at(scenario_, n);
    const NegotiationSpec& spec = table.spec;
    if (!spec.at_start.given() || diplomacy.active_deal(n) >= 0) {
      continue;
    }
    Deal deal;
    deal.negotiation = n;
    deal.signed_tick = 0;
    deal.implement_tick = 0;
    deal.end_tick = duration_ticks_[static_cast<std::size_t>(n)];
    for (std::size_t k = 0; k < spec.asks.size() + spec.offers.size(); ++k) {
      const int item = agenda_item(spec, k);
      if (std::find(spec.at_start.items.begin(), spec.at_start.items.end(), item) !=
          spec.at_start.items.end()) {
        deal.items |= std::uint32_t{1} << k;
      }
    }
    deal.payment_per_month = spec.at_start.payment_per_month;
    deal.partner_government = 0;  // the governments of the start, before any coup
    deal.demander_government = 0;
    const int index = static_cast<int>(diplomacy.deals.size());
    diplomacy.deals.push_back(deal);
    diplomacy.active_deal(n) = index;
    diplomacy.agreed_last(n) = 1;
    log(session, n, index, NegotiationAction::proposed, table.demander, -1, deal.payment_per_month);
    log(session, n, index, NegotiationAction::accepted, table.partner, -1, deal.payment_per_month);
    // The demander's offers and the partner's asks are in effect from the start.
    for (std::size_t k = spec.asks.size(); k < spec.asks.size() + spec.offers.size(); ++k) {
      if ((deal.items >> k) & 1U) {
        start_instrument(scenario_, agenda_item(spec, k), 1.0, session.targets);
      }
    }
    implement_if_due(n, session);
  }
}

}  // namespace migdip
