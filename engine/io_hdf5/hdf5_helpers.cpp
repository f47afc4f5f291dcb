#include "io_hdf5/hdf5_helpers.h"

#include <hdf5.h>
// The high-level dimension scale API needs hdf5.h first.
#include <H5DSpublic.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

namespace migdip::hdf5 {

static_assert(std::is_same_v<Id, hid_t>, "hdf5_helpers.h assumes hid_t is a 64-bit integer");
static_assert(std::is_same_v<int, herr_t>, "hdf5_helpers.h assumes herr_t is an int");

namespace {

// Small enough for HDF5's default 1 MiB chunk cache (64 Ki float64 = 512 KiB), large enough
// that deflate has something to work on.
constexpr std::size_t kChunkElements = 64 * 1024;
constexpr unsigned kDeflateLevel = 4;
// Growth step of an in-memory file; large blocks are remapped, not copied, so it hardly matters.
constexpr std::size_t kMemoryFileIncrement = 4 * 1024 * 1024;

herr_t collect_error(unsigned /*position*/, const H5E_error2_t* error, void* data) {
  if (error->desc != nullptr && error->desc[0] != '\0') {
    static_cast<std::vector<std::string>*>(data)->emplace_back(error->desc);
  }
  return 0;
}

/// The low-level I/O errors list time, descriptor, buffer address and byte counts around the
/// operating system's message; only that message helps the user.
std::string operating_system_reason(const std::string& description) {
  const std::string marker = "error message = '";
  const std::size_t start = description.find(marker);
  if (start == std::string::npos) {
    return description;
  }
  const std::size_t from = start + marker.size();
  return description.substr(from, description.find('\'', from) - from);
}

bool check_bool(htri_t value, std::string_view what) {
  if (value < 0) {
    fail(what);
  }
  return value > 0;
}

/// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates).
bool is_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code = lead & 0x07u;
    } else {
      return false;
    }
    if (i + length > text.size()) {
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0u) != 0x80u) {
        return false;
      }
      code = (code << 6) | (next & 0x3Fu);
    }
    const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
    if (overlong || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
      return false;
    }
    i += length;
  }
  return true;
}

Handle scalar_space() {
  return Handle{check_id(H5Screate(H5S_SCALAR), "creating a dataspace")};
}

Handle simple_space(const std::vector<std::size_t>& shape) {
  if (shape.empty()) {
    return scalar_space();
  }
  std::vector<hsize_t> dims(shape.begin(), shape.end());
  return Handle{check_id(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                         "creating a dataspace")};
}

std::size_t point_count(Id space) {
  const hssize_t count = H5Sget_simple_extent_npoints(space);
  if (count < 0) {
    fail("counting the elements of a dataspace");
  }
  return static_cast<std::size_t>(count);
}

/// File access without HDF5's file lock (see hdf5_helpers.h for why).
Handle unlocked_file_access() {
  Handle access{check_id(H5Pcreate(H5P_FILE_ACCESS), "creating file access properties")};
  check_status(H5Pset_file_locking(access.get(), false, true), "turning HDF5's file lock off");
  return access;
}

/// HDF5 opens what it is given; a FIFO or a device would block it or feed it forever.
void require_regular_file(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) == 0 && !S_ISREG(status.st_mode)) {
    throw Error("not a regular file");
  }
}

/// Group creation properties that keep members and attributes in creation order, so the
/// reader gives back groups, variables and attributes in the order they were written.
Handle ordered_group_properties(Id property_class) {
  Handle properties{check_id(H5Pcreate(property_class), "creating group properties")};
  const unsigned flags = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  check_status(H5Pset_link_creation_order(properties.get(), flags), "tracking link order");
  check_status(H5Pset_attr_creation_order(properties.get(), flags), "tracking attribute order");
  return properties;
}

/// Reads `count` strings of file type `file_type` with `read(memory_type, buffer)`; shared by
/// attributes and datasets, which differ only in the read call.
std::vector<std::string> read_strings(Id file_type, Id space, std::size_t count,
                                      const std::function<herr_t(Id, void*)>& read) {
  if (H5Tget_class(file_type) != H5T_STRING) {
    throw Error("expected text, found another type");
  }
  std::vector<std::string> result;
  result.reserve(count);
  if (check_bool(H5Tis_variable_str(file_type), "inspecting a string type")) {
    Handle memory_type = utf8_string_type();
    std::vector<char*> pointers(count, nullptr);
    if (count > 0) {
      check_status(read(memory_type.get(), pointers.data()), "reading strings");
    }
    for (const char* pointer : pointers) {
      result.emplace_back(pointer == nullptr ? "" : pointer);
    }
    if (count > 0) {
      release_variable_length(memory_type.get(), space, pointers.data());
    }
    return result;
  }
  const std::size_t size = H5Tget_size(file_type);
  Handle memory_type{check_id(H5Tcopy(file_type), "copying a string type")};
  std::vector<char> buffer(count * size);
  if (count > 0) {
    check_status(read(memory_type.get(), buffer.data()), "reading strings");
  }
  const bool space_padded = H5Tget_strpad(file_type) == H5T_STR_SPACEPAD;
  for (std::size_t i = 0; i < count; ++i) {
    std::string text(buffer.data() + i * size, size);
    if (space_padded) {
      text.erase(text.find_last_not_of(' ') + 1);
    } else {
      text.erase(std::min(text.find('\0'), text.size()));
    }
    result.push_back(std::move(text));
  }
  return result;
}

ValueKind kind_of_type(Id type) {
  switch (H5Tget_class(type)) {
    case H5T_STRING:
      return ValueKind::kText;
    case H5T_FLOAT:
    case H5T_INTEGER:
      return ValueKind::kNumber;
    default:
      return ValueKind::kOther;
  }
}

Handle create_dataset(Id parent, const std::string& name, Id type, Id space, Id properties) {
  return Handle{
      check_id(H5Dcreate2(parent, name.c_str(), type, space, H5P_DEFAULT, properties, H5P_DEFAULT),
               fmt::format("creating dataset '{}'", name))};
}

herr_t remember_scale_name(hid_t /*dataset*/, unsigned /*axis*/, hid_t scale, void* data) {
  const ssize_t length = H5Iget_name(scale, nullptr, 0);
  if (length < 0) {
    return -1;
  }
  std::string path(static_cast<std::size_t>(length) + 1, '\0');
  if (H5Iget_name(scale, path.data(), path.size()) < 0) {
    return -1;
  }
  path.resize(static_cast<std::size_t>(length));
  // netCDF and h5netcdf take the last scale when several are attached; so do we.
  *static_cast<std::optional<std::string>*>(data) = path.substr(path.rfind('/') + 1);
  return 0;
}

herr_t append_link_name(hid_t /*group*/, const char* name, const H5L_info_t* /*info*/, void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

herr_t append_attribute_name(hid_t /*object*/, const char* name, const H5A_info_t* /*info*/,
                             void* data) {
  static_cast<std::vector<std::string>*>(data)->emplace_back(name);
  return 0;
}

}  // namespace

// The outermost explanation says what failed, the innermost why (often with errno).
[[noreturn]] void fail(std::string_view what) {
  std::vector<std::string> descriptions;  // innermost first
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, collect_error, &descriptions);
  H5Eclear2(H5E_DEFAULT);
  std::string message(what);
  if (!descriptions.empty()) {
    message += ": " + descriptions.back();
    if (descriptions.size() > 1) {
      message += " (" + operating_system_reason(descriptions.front()) + ")";
    }
  }
  throw Error(message);
}

Id check_id(Id id, std::string_view what) {
  if (id < 0) {
    fail(what);
  }
  return id;
}

void check_status(int status, std::string_view what) {
  if (status < 0) {
    fail(what);
  }
}

/// HDF5 stores C strings, and h5py and xarray decode them as UTF-8: anything else would be
/// silently cut or make the file unreadable from Python, so refuse it here.
void check_storable(std::string_view name, std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    throw Error(fmt::format("text '{}' contains a NUL character", name));
  }
  if (!is_utf8(text)) {
    throw Error(fmt::format("text '{}' is not valid UTF-8", name));
  }
}

Handle utf8_string_type() {
  Handle type{check_id(H5Tcopy(H5T_C_S1), "copying the string type")};
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "making a variable-length string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "setting UTF-8 on the string type");
  return type;
}

void release_variable_length(Id memory_type, Id space, void* buffer) {
  // Debian's 1.10.8 headers declare H5Treclaim, but only 1.12 libraries define it.
#if H5_VERSION_GE(1, 12, 0)
  check_status(H5Treclaim(memory_type, space, H5P_DEFAULT, buffer), "releasing strings");
#else
  check_status(H5Dvlen_reclaim(memory_type, space, H5P_DEFAULT, buffer), "releasing strings");
#endif
}

// --- Handle -------------------------------------------------------------------------------------

Handle::~Handle() {
  if (id_ >= 0) {
    H5Idec_ref(id_);  // errors cannot be reported from a destructor; close() reports them
  }
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    if (id_ >= 0) {
      H5Idec_ref(id_);
    }
    id_ = std::exchange(other.id_, -1);
  }
  return *this;
}

void Handle::close() {
  const Id id = std::exchange(id_, -1);
  if (id < 0) {
    return;
  }
  if (H5Iget_type(id) == H5I_FILE) {
    check_status(H5Fclose(id), "closing the file");
  } else if (H5Idec_ref(id) < 0) {
    fail("closing an HDF5 object");
  }
}

void silence_error_printing() {
  // Before HDF5's first call, which starts the library: no exit handler. After a failed close
  // (a full disk), HDF5 1.10's handler tries to close the file again at exit and crashes
  // (H5_term_library -> H5F__close_cb). migdip closes every file itself; what a failed close
  // could not write is lost either way, and the writers say so before exiting.
  static const bool no_exit_handler = H5dont_atexit() >= 0;
  (void)no_exit_handler;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

// --- Files and groups ---------------------------------------------------------------------------

Handle create_file(const std::string& path) {
  silence_error_printing();
  Handle creation = ordered_group_properties(H5P_FILE_CREATE);
  Handle access = unlocked_file_access();
  // "Semi" refuses to close the file while any object in it is open: a leaked handle in the
  // writer shows up as an error instead of a file that stays open (and unrenamable) silently.
  check_status(H5Pset_fclose_degree(access.get(), H5F_CLOSE_SEMI), "setting the close degree");
  return Handle{check_id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, creation.get(), access.get()),
                         "creating the file")};
}

Handle create_memory_file(const std::string& name) {
  silence_error_printing();
  Handle creation = ordered_group_properties(H5P_FILE_CREATE);
  Handle access{check_id(H5Pcreate(H5P_FILE_ACCESS), "creating file access properties")};
  // No backing store: HDF5 never touches the disk, so it cannot fail half-way through a write
  // (HDF5 1.10 can crash at exit after a failed close) and the caller does the I/O itself.
  check_status(H5Pset_fapl_core(access.get(), kMemoryFileIncrement, false),
               "selecting the in-memory driver");
  check_status(H5Pset_fclose_degree(access.get(), H5F_CLOSE_SEMI), "setting the close degree");
  return Handle{check_id(H5Fcreate(name.c_str(), H5F_ACC_TRUNC, creation.get(), access.get()),
                         "creating the file in memory")};
}

std::string file_image(Id file) {
  check_status(H5Fflush(file, H5F_SCOPE_GLOBAL), "flushing the file");
  const ssize_t size = H5Fget_file_image(file, nullptr, 0);
  if (size < 0) {
    fail("measuring the file image");
  }
  std::string image(static_cast<std::size_t>(size), '\0');
  if (H5Fget_file_image(file, image.data(), image.size()) != size) {
    fail("copying the file image");
  }
  return image;
}

Handle open_file(const std::string& path, bool writable) {
  silence_error_printing();
  require_regular_file(path);
  Handle access = unlocked_file_access();
  return Handle{
      check_id(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, access.get()),
               "opening the file")};
}

bool is_hdf5_file(const std::string& path) {
  silence_error_printing();
  require_regular_file(path);
  return check_bool(H5Fis_hdf5(path.c_str()), "reading the file");
}

Handle create_group(Id parent, const std::string& name) {
  Handle creation = ordered_group_properties(H5P_GROUP_CREATE);
  return Handle{check_id(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, creation.get(), H5P_DEFAULT),
                         fmt::format("creating group '{}'", name))};
}

Handle open_group(Id parent, const std::string& name) {
  return Handle{
      check_id(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), fmt::format("opening '{}'", name))};
}

Handle open_dataset(Id parent, const std::string& name) {
  return Handle{
      check_id(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), fmt::format("opening '{}'", name))};
}

bool has_link(Id parent, const std::string& name) {
  return check_bool(H5Lexists(parent, name.c_str(), H5P_DEFAULT),
                    fmt::format("looking up '{}'", name));
}

void delete_link(Id parent, const std::string& name) {
  check_status(H5Ldelete(parent, name.c_str(), H5P_DEFAULT), fmt::format("deleting '{}'", name));
}

bool is_group(Id parent, const std::string& name) {
  Handle object{
      check_id(H5Oopen(parent, name.c_str(), H5P_DEFAULT), fmt::format("opening '{}'", name))};
  return H5Iget_type(object.get()) == H5I_GROUP;
}

std::vector<std::string> member_names(Id group) {
  std::vector<std::string> names;
  hsize_t position = 0;
  if (H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_INC, &position, append_link_name, &names) < 0) {
    // The group does not track creation order (not written by migdip): fall back to names.
    H5Eclear2(H5E_DEFAULT);
    names.clear();
    position = 0;
    check_status(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &position, append_link_name, &names),
                 "listing a group");
  }
  return names;
}

// --- Attributes ---------------------------------------------------------------------------------

void write_text_attribute(Id object, const std::string& name, std::string_view value) {
  check_storable(name, value);
  if (has_attribute(object, name)) {
    check_status(H5Adelete(object, name.c_str()), fmt::format("replacing attribute '{}'", name));
  }
  Handle type = utf8_string_type();
  Handle space = scalar_space();
  Handle attribute{
      check_id(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
               fmt::format("creating attribute '{}'", name))};
  const std::string text(value);
  const char* pointer = text.c_str();
  check_status(H5Awrite(attribute.get(), type.get(), &pointer),
               fmt::format("writing attribute '{}'", name));
}

void write_number_attribute(Id object, const std::string& name, double value) {
  if (has_attribute(object, name)) {
    // A scalar number is overwritten in place: no metadata moves, which is what a sweep file
    // being finished needs, and deleting an attribute that other tools rewrote can fail.
    Handle existing{check_id(H5Aopen(object, name.c_str(), H5P_DEFAULT),
                             fmt::format("opening attribute '{}'", name))};
    Handle type{check_id(H5Aget_type(existing.get()), "reading an attribute type")};
    Handle space{check_id(H5Aget_space(existing.get()), "reading an attribute shape")};
    if (kind_of_type(type.get()) == ValueKind::kNumber && point_count(space.get()) == 1) {
      check_status(H5Awrite(existing.get(), H5T_NATIVE_DOUBLE, &value),
                   fmt::format("writing attribute '{}'", name));
      return;
    }
    existing = Handle{};
    check_status(H5Adelete(object, name.c_str()), fmt::format("replacing attribute '{}'", name));
  }
  Handle space = scalar_space();
  Handle attribute{check_id(
      H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
      fmt::format("creating attribute '{}'", name))};
  check_status(H5Awrite(attribute.get(), H5T_NATIVE_DOUBLE, &value),
               fmt::format("writing attribute '{}'", name));
}

std::vector<std::string> attribute_names(Id object) {
  std::vector<std::string> names;
  hsize_t position = 0;
  if (H5Aiterate2(object, H5_INDEX_CRT_ORDER, H5_ITER_INC, &position, append_attribute_name,
                  &names) < 0) {
    H5Eclear2(H5E_DEFAULT);
    names.clear();
    position = 0;
    check_status(
        H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &position, append_attribute_name, &names),
        "listing attributes");
  }
  return names;
}

bool has_attribute(Id object, const std::string& name) {
  return check_bool(H5Aexists(object, name.c_str()),
                    fmt::format("looking up attribute '{}'", name));
}

ValueKind attribute_kind(Id object, const std::string& name) {
  Handle attribute{check_id(H5Aopen(object, name.c_str(), H5P_DEFAULT),
                            fmt::format("opening attribute '{}'", name))};
  Handle type{check_id(H5Aget_type(attribute.get()), "reading an attribute type")};
  return kind_of_type(type.get());
}

std::optional<std::string> read_text_attribute(Id object, const std::string& name) {
  if (!has_attribute(object, name)) {
    return std::nullopt;
  }
  Handle attribute{check_id(H5Aopen(object, name.c_str(), H5P_DEFAULT),
                            fmt::format("opening attribute '{}'", name))};
  Handle type{check_id(H5Aget_type(attribute.get()), "reading an attribute type")};
  Handle space{check_id(H5Aget_space(attribute.get()), "reading an attribute shape")};
  const std::size_t count = point_count(space.get());
  if (count != 1 || H5Tget_class(type.get()) != H5T_STRING) {
    throw Error(fmt::format("attribute '{}' is not a single text", name));
  }
  const Id attribute_id = attribute.get();
  return read_strings(type.get(), space.get(), count, [attribute_id](Id memory_type, void* buffer) {
    return H5Aread(attribute_id, memory_type, buffer);
  })[0];
}

double read_number_attribute(Id object, const std::string& name) {
  Handle attribute{check_id(H5Aopen(object, name.c_str(), H5P_DEFAULT),
                            fmt::format("opening attribute '{}'", name))};
  Handle type{check_id(H5Aget_type(attribute.get()), "reading an attribute type")};
  Handle space{check_id(H5Aget_space(attribute.get()), "reading an attribute shape")};
  if (point_count(space.get()) != 1 || kind_of_type(type.get()) != ValueKind::kNumber) {
    throw Error(fmt::format("attribute '{}' is not a single number", name));
  }
  double value = 0;
  check_status(H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value),
               fmt::format("reading attribute '{}'", name));
  return value;
}

// --- Datasets -----------------------------------------------------------------------------------

Handle write_text_scalar(Id parent, const std::string& name, std::string_view value) {
  check_storable(name, value);
  Handle type = utf8_string_type();
  Handle space = scalar_space();
  Handle dataset = create_dataset(parent, name, type.get(), space.get(), H5P_DEFAULT);
  const std::string text(value);
  const char* pointer = text.c_str();
  check_status(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer),
               fmt::format("writing '{}'", name));
  return dataset;
}

Handle write_texts(Id parent, const std::string& name, const std::vector<std::string>& values,
                   const std::vector<std::size_t>& shape) {
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& value : values) {
    check_storable(name, value);
    pointers.push_back(value.c_str());
  }
  Handle type = utf8_string_type();
  Handle space = simple_space(shape.empty() ? std::vector<std::size_t>{values.size()} : shape);
  if (point_count(space.get()) != values.size()) {
    throw Error(fmt::format("'{}' has {} texts for a shape of {} elements", name, values.size(),
                            point_count(space.get())));
  }
  Handle dataset = create_dataset(parent, name, type.get(), space.get(), H5P_DEFAULT);
  if (!values.empty()) {
    check_status(
        H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
        fmt::format("writing '{}'", name));
  }
  return dataset;
}

Handle write_numbers(Id parent, const std::string& name, const std::vector<std::size_t>& shape,
                     const std::vector<double>& values, bool compress) {
  std::size_t count = 1;
  for (std::size_t extent : shape) {
    count *= extent;
  }
  if (count != values.size()) {
    throw Error(
        fmt::format("'{}' has {} values for a shape of {} elements", name, values.size(), count));
  }
  Handle space = simple_space(shape);
  Handle properties{check_id(H5Pcreate(H5P_DATASET_CREATE), "creating dataset properties")};
  // Chunking needs a rank of at least one and no zero extent; such arrays hold nothing worth
  // compressing anyway.
  if (compress && count > 0 && !shape.empty()) {
    const std::vector<std::size_t> chunk_shape = choose_chunk_shape(shape, kChunkElements);
    const std::vector<hsize_t> chunk(chunk_shape.begin(), chunk_shape.end());
    check_status(H5Pset_chunk(properties.get(), static_cast<int>(chunk.size()), chunk.data()),
                 "setting the chunk shape");
    check_status(H5Pset_shuffle(properties.get()), "enabling shuffle");
    check_status(H5Pset_deflate(properties.get(), kDeflateLevel), "enabling deflate");
    // Last in the pipeline, so it covers the stored bytes: HDF5 checks it on every read, and a
    // damaged chunk becomes a read error instead of wrong numbers.
    check_status(H5Pset_fletcher32(properties.get()), "enabling the Fletcher-32 checksum");
  }
  Handle dataset = create_dataset(parent, name, H5T_IEEE_F64LE, space.get(), properties.get());
  if (count > 0) {
    check_status(
        H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        fmt::format("writing '{}'", name));
  }
  return dataset;
}

Handle write_integers(Id parent, const std::string& name, const std::vector<std::int32_t>& values) {
  Handle space = simple_space({values.size()});
  Handle dataset = create_dataset(parent, name, H5T_STD_I32LE, space.get(), H5P_DEFAULT);
  if (!values.empty()) {
    check_status(
        H5Dwrite(dataset.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        fmt::format("writing '{}'", name));
  }
  return dataset;
}

namespace {

struct TypePair {
  hid_t stored;
  hid_t native;
};

TypePair types_of(StoredType type) {
  switch (type) {
    case StoredType::kFloat64:
      return {H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE};
    case StoredType::kUInt8:
      return {H5T_STD_U8LE, H5T_NATIVE_UINT8};
    case StoredType::kUInt32:
      return {H5T_STD_U32LE, H5T_NATIVE_UINT32};
    case StoredType::kUInt64:
      return {H5T_STD_U64LE, H5T_NATIVE_UINT64};
  }
  return {H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE};
}

// A file-space selection of the block, and a memory space of its size.
std::pair<Handle, Handle> block_spaces(Id dataset, const std::vector<std::size_t>& start,
                                       const std::vector<std::size_t>& count) {
  Handle file_space{check_id(H5Dget_space(dataset), "reading a dataset shape")};
  const std::vector<hsize_t> offsets(start.begin(), start.end());
  const std::vector<hsize_t> extents(count.begin(), count.end());
  check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, offsets.data(), nullptr,
                                   extents.data(), nullptr),
               "selecting a block");
  return {std::move(file_space), simple_space(count)};
}

}  // namespace

Handle create_preallocated(Id parent, const std::string& name,
                           const std::vector<std::size_t>& shape, StoredType type, double fill) {
  const TypePair types = types_of(type);
  Handle space = simple_space(shape);
  Handle properties{check_id(H5Pcreate(H5P_DATASET_CREATE), "creating dataset properties")};
  check_status(H5Pset_layout(properties.get(), H5D_CONTIGUOUS), "choosing a contiguous layout");
  check_status(H5Pset_alloc_time(properties.get(), H5D_ALLOC_TIME_EARLY),
               "allocating storage early");
  check_status(H5Pset_fill_time(properties.get(), H5D_FILL_TIME_ALLOC), "filling on allocation");
  // Only the stored type's own conversion is done: casting a NaN fill to an integer type would
  // be undefined behaviour, even when the result is never used.
  const auto integer_fill = [&]<typename Integer>(Integer& value) -> const void* {
    const double limit = std::ldexp(1.0, std::numeric_limits<Integer>::digits);  // exact
    if (!(fill >= 0 && fill < limit) || fill != std::floor(fill)) {
      throw Error(fmt::format("fill value {} of '{}' does not fit its integer type", fill, name));
    }
    value = static_cast<Integer>(fill);
    return &value;
  };
  std::uint8_t small_fill = 0;
  std::uint32_t medium_fill = 0;
  std::uint64_t large_fill = 0;
  const void* fill_value = nullptr;
  switch (type) {
    case StoredType::kFloat64:
      fill_value = &fill;
      break;
    case StoredType::kUInt8:
      fill_value = integer_fill(small_fill);
      break;
    case StoredType::kUInt32:
      fill_value = integer_fill(medium_fill);
      break;
    case StoredType::kUInt64:
      fill_value = integer_fill(large_fill);
      break;
  }
  check_status(H5Pset_fill_value(properties.get(), types.native, fill_value),
               "setting the fill value");
  return create_dataset(parent, name, types.stored, space.get(), properties.get());
}

void write_block(Id dataset, const std::vector<std::size_t>& start,
                 const std::vector<std::size_t>& count, StoredType type, const void* data) {
  auto [file_space, memory_space] = block_spaces(dataset, start, count);
  check_status(H5Dwrite(dataset, types_of(type).native, memory_space.get(), file_space.get(),
                        H5P_DEFAULT, data),
               "writing a block");
}

void read_block(Id dataset, const std::vector<std::size_t>& start,
                const std::vector<std::size_t>& count, StoredType type, void* data) {
  auto [file_space, memory_space] = block_spaces(dataset, start, count);
  check_status(H5Dread(dataset, types_of(type).native, memory_space.get(), file_space.get(),
                       H5P_DEFAULT, data),
               "reading a block");
}

void flush_file(Id file) {
  check_status(H5Fflush(file, H5F_SCOPE_GLOBAL), "flushing the file");
}

std::uint64_t storage_bytes(Id dataset) {
  return H5Dget_storage_size(dataset);
}

ValueKind dataset_kind(Id dataset) {
  Handle type{check_id(H5Dget_type(dataset), "reading a dataset type")};
  return kind_of_type(type.get());
}

std::vector<std::size_t> dataset_shape(Id dataset) {
  Handle space{check_id(H5Dget_space(dataset), "reading a dataset shape")};
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) {
    fail("reading a dataset rank");
  }
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0) {
    check_status(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr),
                 "reading a dataset shape");
  }
  return {dims.begin(), dims.end()};
}

std::vector<double> read_numbers(Id dataset) {
  if (dataset_kind(dataset) != ValueKind::kNumber) {
    throw Error("expected numbers, found another type");
  }
  Handle space{check_id(H5Dget_space(dataset), "reading a dataset shape")};
  std::vector<double> values(point_count(space.get()));
  if (!values.empty()) {
    check_status(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "reading numbers");
  }
  return values;
}

std::vector<std::string> read_texts(Id dataset) {
  Handle type{check_id(H5Dget_type(dataset), "reading a dataset type")};
  Handle space{check_id(H5Dget_space(dataset), "reading a dataset shape")};
  return read_strings(type.get(), space.get(), point_count(space.get()),
                      [dataset](Id memory_type, void* buffer) {
                        return H5Dread(dataset, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
                      });
}

std::vector<std::size_t> choose_chunk_shape(const std::vector<std::size_t>& shape,
                                            std::size_t max_elements) {
  std::vector<std::size_t> chunk = shape;
  max_elements = std::max<std::size_t>(max_elements, 1);
  for (std::size_t axis = 0; axis < chunk.size(); ++axis) {
    std::size_t inner = 1;
    for (std::size_t k = axis + 1; k < chunk.size(); ++k) {
      inner *= chunk[k];
    }
    if (inner <= max_elements) {
      chunk[axis] = std::clamp<std::size_t>(max_elements / inner, 1, shape[axis]);
      break;
    }
    chunk[axis] = 1;  // one slice along this axis is still too big: split the next one too
  }
  return chunk;
}

// --- Dimension scales ---------------------------------------------------------------------------

void make_dimension_scale(Id dataset, const std::string& dimension) {
  check_status(H5DSset_scale(dataset, dimension.c_str()),
               fmt::format("making '{}' a dimension scale", dimension));
}

bool is_dimension_scale(Id dataset) {
  return check_bool(H5DSis_scale(dataset), "checking for a dimension scale");
}

void attach_dimension_scale(Id dataset, Id scale, unsigned axis) {
  check_status(H5DSattach_scale(dataset, scale, axis), "attaching a dimension scale");
}

std::optional<std::string> attached_scale_name(Id dataset, unsigned axis) {
  const int count = H5DSget_num_scales(dataset, axis);
  if (count < 0) {
    fail("counting dimension scales");
  }
  std::optional<std::string> name;
  if (count > 0) {
    check_status(H5DSiterate_scales(dataset, axis, nullptr, remember_scale_name, &name),
                 "reading dimension scales");
  }
  return name;
}

}  // namespace migdip::hdf5
