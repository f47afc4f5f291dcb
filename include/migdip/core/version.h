#pragma once

namespace migdip {

/// The engine's semantic version, e.g. "0.1.0".
const char* engine_version();

/// The git commit the engine was built from, with "-dirty" when the tree had uncommitted
/// changes, or "unknown" when it was not built from a git checkout.
const char* source_commit();

}  // namespace migdip
