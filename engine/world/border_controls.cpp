#include "migdip/world/border_controls.h"

#include <string>

#include "migdip/core/error.h"

namespace migdip {

void not_a_border_lever(Lever lever) {
  throw InternalError("lever '" + std::string(to_string(lever)) + "' does not act at a border");
}

}  // namespace migdip
