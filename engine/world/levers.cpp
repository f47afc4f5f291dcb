#include "migdip/world/levers.h"

#include <string>

#include "migdip/core/error.h"

namespace migdip {
namespace {

std::string_view owner_name(LeverOwner owner) {
  switch (owner) {
    case LeverOwner::state:
      return "state";
    case LeverOwner::corridor:
      return "corridor";
    case LeverOwner::pathway:
      return "pathway";
  }
  return "?";
}

}  // namespace

void lever_of_another_owner(Lever lever, LeverOwner owner) {
  throw InternalError("lever '" + std::string(to_string(lever)) + "' is not a " +
                      std::string(owner_name(owner)) + " lever");
}

}  // namespace migdip
