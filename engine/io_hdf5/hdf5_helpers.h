#pragma once
// A thin layer over the HDF5 C API for the results writer and reader: identifiers that close
// themselves, and calls that throw instead of returning negative codes. The header names no
// HDF5 type, so tests can craft odd files with it without HDF5's headers on their include path.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace migdip::hdf5 {

/// An HDF5 identifier (`hid_t`, a 64-bit integer since HDF5 1.10; checked in the .cpp).
using Id = std::int64_t;

/// A failed HDF5 call. The writer turns it into InternalError, the reader into InputError:
/// only they know whether the program or the file is to blame.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Owns one HDF5 identifier of any kind and releases it when destroyed.
class Handle {
 public:
  Handle() = default;
  explicit Handle(Id id) : id_(id) {}
  ~Handle();
  Handle(Handle&& other) noexcept : id_(other.id_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  Id get() const noexcept { return id_; }
  /// Releases the identifier now and reports failure, which the destructor cannot. Files are
  /// flushed when closed, so close a file this way to learn whether that worked.
  void close();

 private:
  Id id_ = -1;
};

/// Turns off HDF5's printing of its error stack to stderr, for the whole process: failures
/// surface as one-line exceptions instead. On its first call, before HDF5 starts, it also turns
/// off HDF5's exit handler (see the .cpp). Every function below that opens a file calls it.
void silence_error_printing();

// --- For code calling the C API directly --------------------------------------------------------

/// Throws Error for the failed call `what`, explained by HDF5's error stack (then cleared).
[[noreturn]] void fail(std::string_view what);
/// `id` when valid; else fail(what).
Id check_id(Id id, std::string_view what);
/// Nothing when `status` (an herr_t) is non-negative; else fail(what).
void check_status(int status, std::string_view what);
/// Throws Error unless `text` can be stored and read back as a C string of UTF-8.
void check_storable(std::string_view name, std::string_view text);
/// A new variable-length UTF-8 string type.
Handle utf8_string_type();
/// Frees the strings HDF5 allocated when reading variable-length data into `buffer`.
void release_variable_length(Id memory_type, Id space, void* buffer);

// --- Files and groups ---------------------------------------------------------------------------

/// Files are opened and created without HDF5's own file lock: migdip's writers hold their own
/// lock (files::ExclusiveLock), which would otherwise conflict with HDF5's in the same process,
/// and its readers must be able to look at a sweep while it runs.
///
/// Creates (truncating) a file whose groups and root attributes remember their creation order.
Handle create_file(const std::string& path);
/// Like create_file, but the file lives in memory only, until file_image() copies it out.
/// `name` identifies it inside HDF5 and must not name another open file.
Handle create_memory_file(const std::string& name);
/// The bytes of a complete HDF5 file holding everything written to `file` so far.
std::string file_image(Id file);
/// Opens a file; throws for anything but a regular file (a FIFO would block the open).
Handle open_file(const std::string& path, bool writable);
/// True for an HDF5 file, false for any other readable file; throws if it cannot be read or
/// is not a regular file.
bool is_hdf5_file(const std::string& path);

/// A group that remembers the creation order of its members.
Handle create_group(Id parent, const std::string& name);
Handle open_group(Id parent, const std::string& name);
Handle open_dataset(Id parent, const std::string& name);

bool has_link(Id parent, const std::string& name);
/// Removes the member `name` of `parent` (for tests that turn a file into an older layout).
void delete_link(Id parent, const std::string& name);
bool is_group(Id parent, const std::string& name);
/// Names of a group's members, in creation order when the group tracks it, else by name.
std::vector<std::string> member_names(Id group);

// --- Attributes ---------------------------------------------------------------------------------

/// What an attribute or dataset holds, as far as the results layout cares.
enum class ValueKind { kText, kNumber, kOther };

/// Writes a scalar variable-length UTF-8 string attribute, replacing one of the same name.
void write_text_attribute(Id object, const std::string& name, std::string_view value);
/// Writes a scalar float64 attribute, replacing one of the same name.
void write_number_attribute(Id object, const std::string& name, double value);
/// Attribute names, in creation order when the object tracks it, else by name.
std::vector<std::string> attribute_names(Id object);
bool has_attribute(Id object, const std::string& name);
ValueKind attribute_kind(Id object, const std::string& name);
/// The attribute's text; nullopt when absent. Throws when it is not a single string.
std::optional<std::string> read_text_attribute(Id object, const std::string& name);
/// The attribute's number; throws when absent or not a single number.
double read_number_attribute(Id object, const std::string& name);

// --- Datasets -----------------------------------------------------------------------------------

/// Writes a scalar variable-length UTF-8 string dataset.
Handle write_text_scalar(Id parent, const std::string& name, std::string_view value);
/// Writes a variable-length UTF-8 string dataset of `shape` (empty: 1-D) from row-major values.
Handle write_texts(Id parent, const std::string& name, const std::vector<std::string>& values,
                   const std::vector<std::size_t>& shape = {});
/// Writes a float64 dataset of `shape` (empty shape: scalar) from row-major `values`. With
/// `compress`, non-empty arrays are chunked by choose_chunk_shape, deflated with shuffle and
/// checksummed (Fletcher-32, verified by HDF5 on every read).
Handle write_numbers(Id parent, const std::string& name, const std::vector<std::size_t>& shape,
                     const std::vector<double>& values, bool compress);
/// Writes a 1-D int32 dataset.
Handle write_integers(Id parent, const std::string& name, const std::vector<std::int32_t>& values);

/// Element types of preallocated datasets.
enum class StoredType { kFloat64, kUInt8, kUInt32, kUInt64 };

/// A dataset whose storage is allocated and filled with `fill` when it is created, contiguous
/// and uncompressed: writing into it later changes no metadata, so a file whose writer is
/// killed between writes keeps a consistent structure. Every extent must be positive; `fill`
/// must be a value of `type` (a non-negative integer for the unsigned types).
Handle create_preallocated(Id parent, const std::string& name,
                           const std::vector<std::size_t>& shape, StoredType type, double fill);
/// Writes the block starting at `start` with extents `count` from row-major `data` of `type`'s
/// native C++ type (double, std::uint8_t, std::uint32_t, std::uint64_t).
void write_block(Id dataset, const std::vector<std::size_t>& start,
                 const std::vector<std::size_t>& count, StoredType type, const void* data);
/// Reads a block, as write_block writes it.
void read_block(Id dataset, const std::vector<std::size_t>& start,
                const std::vector<std::size_t>& count, StoredType type, void* data);
/// Writes everything HDF5 holds for the file to the operating system.
void flush_file(Id file);

ValueKind dataset_kind(Id dataset);
/// The bytes the file holds for the dataset's values (for a compressed one, compressed).
std::uint64_t storage_bytes(Id dataset);
std::vector<std::size_t> dataset_shape(Id dataset);
/// Reads any numeric dataset as float64, row-major.
std::vector<double> read_numbers(Id dataset);
/// Reads a string dataset (variable- or fixed-length) of any shape, row-major.
std::vector<std::string> read_texts(Id dataset);

/// Chunk shape for an array: whole trailing dimensions and as many leading rows as fit in
/// `max_elements`, shrinking inner dimensions only when one row alone is too large. Every
/// extent must be positive.
std::vector<std::size_t> choose_chunk_shape(const std::vector<std::size_t>& shape,
                                            std::size_t max_elements);

// --- Dimension scales ---------------------------------------------------------------------------

/// Makes a 1-D dataset the dimension scale (netCDF dimension) called `dimension`.
void make_dimension_scale(Id dataset, const std::string& dimension);
bool is_dimension_scale(Id dataset);
void attach_dimension_scale(Id dataset, Id scale, unsigned axis);
/// Name (last path component) of the scale attached to `axis`; nullopt when none is.
std::optional<std::string> attached_scale_name(Id dataset, unsigned axis);

}  // namespace migdip::hdf5
