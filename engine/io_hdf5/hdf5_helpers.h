#pragma once
// HDF5 as the results and sweep files use it, through the HDF5 C++ API (H5Cpp.h): files opened
// the one way migdip needs, texts checked as UTF-8, the typed datasets and attributes of the
// layouts, and dimension scales. Objects are the C++ API's own (H5::Group, H5::DataSet, ...),
// which close themselves. A failure of HDF5 surfaces as one hdf5::Error whose message says what
// failed and why; the callers decide whether the program or the file is to blame.
//
// The C API is used where the C++ API has no equivalent, each time in one function of the .cpp:
// dimension scales (H5DS), creation-order properties and listings, and closing a
// file (see File).

#include <H5Cpp.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace migdip::hdf5 {

/// A failed HDF5 call. The writers turn it into InternalError or InputError, the readers into
/// InputError: only they know whether the program or the file is to blame.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, int system_error = 0)
      : std::runtime_error(message), system_error_(system_error) {}
  /// The errno of the operating system's refusal behind the failure (a full disk, a file-size
  /// limit, an I/O error), or 0 when the operating system was not involved.
  int system_error() const noexcept { return system_error_; }

 private:
  int system_error_;
};

/// Throws Error for the failed operation `what`, explained by HDF5's error stack (then cleared).
[[noreturn]] void fail(std::string_view what);

/// Runs `operation` (calls of the C++ API) and turns a failure of HDF5 into fail(what): the one
/// place where H5::Exception becomes migdip's error.
template <typename Operation>
decltype(auto) guarded(std::string_view what, Operation&& operation) {
  try {
    return std::forward<Operation>(operation)();
  } catch (const H5::Exception&) {
    fail(what);
  }
}

/// Throws Error unless `text` can be stored and read back as a C string of UTF-8.
void check_storable(std::string_view name, std::string_view text);
/// A variable-length UTF-8 string type: how every text is stored, and read into memory.
H5::StrType utf8_text();

/// The library's default property lists, as H5P_DEFAULT. The C++ API's DEFAULT constants are
/// lists of their own, which HDF5 reads property by property on every call; with H5P_DEFAULT it
/// takes its cached defaults (a few percent of the time it takes to write a results file).
const H5::DSetMemXferPropList& default_transfer();
const H5::DSetCreatPropList& default_dataset_creation();

// --- Files and groups ---------------------------------------------------------------------------

/// An open HDF5 file, usable as its root group. Not an H5::H5File: HDF5 1.10 leaves a file whose
/// close failed (a full disk) half destroyed, and closing it again, as H5::H5File's destructor
/// and the C++ library's exit handler (H5close) would, crashes the process. A File closes its
/// file once; after a failed close, the process ends without closing the HDF5 library.
///
/// Files are opened and created without HDF5's own file lock: migdip's writers hold their own
/// (files::ExclusiveLock), which would otherwise conflict with HDF5's in the same process, and
/// its readers must be able to look at a sweep while it runs. A file refuses to close while an
/// object in it is open: a leaked object shows up as an error, not as a file left open.
class File {
 public:
  File() = default;
  File(File&& other) noexcept;
  File& operator=(File&& other) noexcept;
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  /// Closes the file if it is open, without reporting a failure.
  ~File();

  /// The root group.
  operator const H5::Group&() const noexcept { return root_; }
  const H5::Group& root() const noexcept { return root_; }

  /// Writes everything HDF5 holds for the file to the operating system.
  void flush() const;
  /// Closes the file now and reports a failure, which the destructor cannot. Files are
  /// flushed when closed, so close a file this way to learn whether that worked.
  void close();

 private:
  friend File create_file(const std::string& path);
  friend File open_file(const std::string& path, bool writable);
  explicit File(std::int64_t file);

  std::int64_t file_ = -1;  // an hid_t (checked in the .cpp), closed by close() alone
  H5::Group root_;
};

/// Creates (truncating) a file whose groups and root attributes remember their creation order.
File create_file(const std::string& path);
/// Opens a file; throws for anything but a regular file (a FIFO would block the open).
File open_file(const std::string& path, bool writable);
/// True for an HDF5 file, false for any other readable file; throws if it cannot be read or
/// is not a regular file.
bool is_hdf5_file(const std::string& path);

/// A group that remembers the creation order of its members and attributes.
H5::Group create_group(const H5::Group& parent, const std::string& name);
/// `name` may be a path, relative to `parent` or (from "/") to the file's root.
H5::Group open_group(const H5::Group& parent, const std::string& name);
H5::DataSet open_dataset(const H5::Group& parent, const std::string& name);

bool has_link(const H5::Group& parent, const std::string& name);
/// Removes the member `name` of `parent` (for tests that turn a file into an older layout).
void delete_link(const H5::Group& parent, const std::string& name);
bool is_group(const H5::Group& parent, const std::string& name);
/// Names of a group's members, in creation order when the group tracks it, else by name.
std::vector<std::string> member_names(const H5::Group& group);

// --- Attributes ---------------------------------------------------------------------------------

/// What an attribute or dataset holds, as far as the layouts care.
enum class ValueKind { kText, kNumber, kOther };

/// Writes a scalar variable-length UTF-8 string attribute, replacing one of the same name.
void write_text_attribute(const H5::H5Object& object, const std::string& name,
                          std::string_view value);
/// Writes a scalar variable-length UTF-8 string attribute that `object` does not have yet (one
/// lookup fewer than write_text_attribute, for objects just created).
void write_new_text_attribute(const H5::H5Object& object, const std::string& name,
                              std::string_view value);
/// Writes a scalar fixed-length UTF-8 text attribute that `object` does not have yet; `value`
/// must not be empty. netCDF reads it as a classic text attribute (NC_CHAR), the type CF tools
/// look for: `ncdump -t` decodes a variable's times only when its `units` are of this type.
void write_new_char_attribute(const H5::H5Object& object, const std::string& name,
                              std::string_view value);
/// Writes a scalar float64 attribute, replacing one of the same name.
void write_number_attribute(const H5::H5Object& object, const std::string& name, double value);
/// Attribute names, in creation order when the object tracks it, else by name.
std::vector<std::string> attribute_names(const H5::H5Object& object);
bool has_attribute(const H5::H5Object& object, const std::string& name);
void delete_attribute(const H5::H5Object& object, const std::string& name);
ValueKind attribute_kind(const H5::H5Object& object, const std::string& name);
/// The attribute's text; nullopt when absent. Throws when it is not a single string.
std::optional<std::string> read_text_attribute(const H5::H5Object& object, const std::string& name);
/// The attribute's number; throws when absent or not a single number.
double read_number_attribute(const H5::H5Object& object, const std::string& name);

// --- Datasets -----------------------------------------------------------------------------------

/// Creates a dataset, with the default access and link creation properties.
H5::DataSet create_dataset(const H5::Group& parent, const std::string& name,
                           const H5::DataType& type, const H5::DataSpace& space,
                           const H5::DSetCreatPropList& properties = default_dataset_creation());
/// Writes a scalar variable-length UTF-8 string dataset.
H5::DataSet write_text_scalar(const H5::Group& parent, const std::string& name,
                              std::string_view value);
/// Writes a variable-length UTF-8 string dataset of `shape` (empty: 1-D) from row-major values.
H5::DataSet write_texts(const H5::Group& parent, const std::string& name,
                        const std::vector<std::string>& values,
                        const std::vector<std::size_t>& shape = {});
/// Writes a float64 dataset of `shape` (empty shape: scalar) from row-major `values`. With
/// `compress`, non-empty arrays are chunked by choose_chunk_shape, deflated with shuffle and
/// checksummed (Fletcher-32, verified by HDF5 on every read).
H5::DataSet write_numbers(const H5::Group& parent, const std::string& name,
                          const std::vector<std::size_t>& shape, const std::vector<double>& values,
                          bool compress);
/// The deflate level of compressed arrays unless a caller chooses another.
inline constexpr int kDefaultDeflateLevel = 4;

/// Element types of datasets of numbers.
enum class StoredType { kFloat64, kFloat32, kUInt8, kUInt32, kUInt64 };

/// Creates a dataset of floats (kFloat64 or kFloat32) of `shape` stored in chunks of `chunk`
/// (every extent positive) and checksummed (Fletcher-32); with a `deflate_level` above 0 also
/// shuffled and deflated at that level, like write_numbers' compressed arrays. With
/// `extendible`, its first axis (time) has no maximum. It has no chunk cache: written a whole
/// chunk at a time, chunks go straight through the filters to the file, and the dataset holds
/// none in memory.
H5::DataSet create_compressed(const H5::Group& parent, const std::string& name,
                              const std::vector<std::size_t>& shape,
                              const std::vector<std::size_t>& chunk, bool extendible,
                              int deflate_level = kDefaultDeflateLevel,
                              StoredType type = StoredType::kFloat64);
/// Writes a 1-D int32 dataset.
H5::DataSet write_integers(const H5::Group& parent, const std::string& name,
                           const std::vector<std::int32_t>& values);

/// A dataset whose storage is allocated and filled with `fill` when it is created, contiguous
/// and uncompressed: writing into it later changes no metadata, so a file whose writer is
/// killed between writes keeps a consistent structure. Every extent must be positive; `fill`
/// must be a value of `type` (a non-negative integer for the unsigned types).
H5::DataSet create_preallocated(const H5::Group& parent, const std::string& name,
                                const std::vector<std::size_t>& shape, StoredType type,
                                double fill);
/// Writes the block starting at `start` with extents `count` from row-major `data` of `type`'s
/// native C++ type (double, float, std::uint8_t, std::uint32_t, std::uint64_t).
void write_block(const H5::DataSet& dataset, const std::vector<std::size_t>& start,
                 const std::vector<std::size_t>& count, StoredType type, const void* data);
/// Reads a block, as write_block writes it.
void read_block(const H5::DataSet& dataset, const std::vector<std::size_t>& start,
                const std::vector<std::size_t>& count, StoredType type, void* data);

ValueKind dataset_kind(const H5::DataSet& dataset);
/// The bytes the file holds for the dataset's values (for a compressed one, compressed).
std::uint64_t storage_bytes(const H5::DataSet& dataset);
std::vector<std::size_t> dataset_shape(const H5::DataSet& dataset);
/// Reads any numeric dataset as float64, row-major.
/// The number of elements of `dataset`, checked against what its file can hold, before anything
/// that size is allocated: a damaged header can claim trillions.
std::size_t stored_point_count(const H5::DataSet& dataset);
std::vector<double> read_numbers(const H5::DataSet& dataset);
/// Reads a string dataset (variable- or fixed-length) of any shape, row-major.
std::vector<std::string> read_texts(const H5::DataSet& dataset);

/// Elements in a chunk of a compressed array, at most: small enough for HDF5's default 1 MiB
/// chunk cache (64 Ki float64 = 512 KiB), large enough that deflate has something to work on.
inline constexpr std::size_t kChunkElements = 64 * 1024;

/// Chunk shape for an array: whole trailing dimensions and as many leading rows as fit in
/// `max_elements`, shrinking inner dimensions only when one row alone is too large. Every
/// extent must be positive.
std::vector<std::size_t> choose_chunk_shape(const std::vector<std::size_t>& shape,
                                            std::size_t max_elements);

// --- Dimension scales ---------------------------------------------------------------------------

/// Makes a 1-D dataset the dimension scale (netCDF dimension) called `dimension`.
void make_dimension_scale(const H5::DataSet& dataset, const std::string& dimension);
bool is_dimension_scale(const H5::DataSet& dataset);
void attach_dimension_scale(const H5::DataSet& dataset, const H5::DataSet& scale, unsigned axis);
/// Attaches `scales[axis]` to each axis of `dataset` as H5DSattach_scale does, writing its
/// DIMENSION_LIST attribute once, and notes the attachments in `references`, whose
/// write_reference_lists() then writes each scale's REFERENCE_LIST once. The attributes are
/// those H5DSattach_scale writes (h5py, netCDF and xarray read them), but H5DSattach_scale
/// rewrites a scale's whole REFERENCE_LIST at every attachment: quadratic in the variables that
/// share a dimension, and a quarter of the time it took to write a small results file.
class ScaleReferences {
 public:
  void attach(const H5::DataSet& dataset, const std::vector<const H5::DataSet*>& scales);
  /// Writes the REFERENCE_LIST of every scale attached to, in the order of attachment.
  void write_reference_lists();

 private:
  struct Scale {
    const H5::DataSet* scale;
    std::vector<std::pair<H5::DataSet, unsigned>> users;  // dataset, axis
  };
  std::vector<Scale> scales_;
};

/// Name (last path component) of the scale attached to `axis`; nullopt when none is.
std::optional<std::string> attached_scale_name(const H5::DataSet& dataset, unsigned axis);

}  // namespace migdip::hdf5
