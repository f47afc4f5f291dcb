#pragma once
// The numeric keys of a budget line ([state ID] and [bloc ID]) and of root-causes aid
// ([state ID]), mapped one to one onto their structs like spec_fields.h's lists.

#include <array>

#include "io_ini/spec_fields.h"
#include "migdip/scenario/strategic_inputs.h"

namespace migdip::ini {

inline constexpr std::array<NumberField<BudgetLine>, 2> kBudgetFields = {{
    {"budget", &BudgetLine::initial},
    {"budget_per_year", &BudgetLine::per_year},
}};

inline constexpr std::array<NumberField<RootCausesAid>, 2> kAidFields = {{
    {"aid_push_effect", &RootCausesAid::push_effect},
    {"aid_push_lag_months", &RootCausesAid::lag_months},
}};

}  // namespace migdip::ini
