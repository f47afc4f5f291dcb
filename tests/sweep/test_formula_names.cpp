// Formula-safe names of a sweep's parameter keys (include/migdip/sweep/formula_names.h): the rule
// python/migdip/sweeps.py's formula_names applies, so that runs.csv and Sweep.runs agree (the
// test export_csv compares them on a real sweep).

#include "migdip/sweep/formula_names.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace migdip {
namespace {

using Names = std::vector<std::string>;

TEST(FormulaNames, EveryCharacterOutsideLettersDigitsAndUnderscoreBecomesAnUnderscore) {
  EXPECT_EQ(formula_names({"state.TUR.exit_enforcement", "corridor.TUR-GRC.mortality",
                           "stock.SYR in TUR.hosted", "model.beta_2"}),
            (Names{"state_TUR_exit_enforcement", "corridor_TUR_GRC_mortality",
                   "stock_SYR_in_TUR_hosted", "model_beta_2"}));
  // Non-ASCII letters too (UTF-8 bytes, each replaced): formulas want ASCII names.
  EXPECT_EQ(formula_names({"state.T\xC3\x9CR.x"}), (Names{"state_T__R_x"}));
}

TEST(FormulaNames, ANameNotStartingWithALetterGetsAPrefix) {
  EXPECT_EQ(formula_names({"1st.key", "_hidden", ""}), (Names{"p_1st_key", "p__hidden", "p_"}));
}

TEST(FormulaNames, NamesAlreadyTakenGetTheNextFreeSuffix) {
  EXPECT_EQ(formula_names({"state.TUR.x", "state.TUR-x", "state_TUR_x"}),
            (Names{"state_TUR_x", "state_TUR_x_2", "state_TUR_x_3"}));
  // The table's other columns are taken too, and so is a suffixed name given earlier.
  EXPECT_EQ(formula_names({"seed", "a.b", "a-b"}, {"seed", "a_b", "a_b_2"}),
            (Names{"seed_2", "a_b_3", "a_b_4"}));
}

}  // namespace
}  // namespace migdip
