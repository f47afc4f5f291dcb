#include "io_hdf5/hdf5_helpers.h"

// The high-level dimension scale API, which the C++ API lacks, needs hdf5.h (from H5Cpp.h) first.
#include <H5DSpublic.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <tuple>
#include <type_traits>

#include <fmt/format.h>

namespace migdip::hdf5 {

static_assert(std::is_same_v<std::int64_t, hid_t>, "File keeps an hid_t as a 64-bit integer");

namespace {

// --- Errors --------------------------------------------------------------------------------------

herr_t collect_error(unsigned /*position*/, const H5E_error2_t* error, void* data) {
  if (error->desc != nullptr && error->desc[0] != '\0') {
    static_cast<std::vector<std::string>*>(data)->emplace_back(error->desc);
  }
  return 0;
}

// The explanations of the last failed HDF5 call, innermost first. Kept when the call fails: by
// the time fail() runs, the error stack itself may have been cleared by another call (a
// destructor of the C++ API closing an object while the exception unwinds).
std::vector<std::string>& last_failure() {
  static std::vector<std::string> descriptions;
  return descriptions;
}

// HDF5's automatic error handler: keeps the explanations and prints nothing, so failures
// surface as one-line errors only.
// After a failure that was expected (and handled), so that no later error is explained by it.
void forget_failure() {
  last_failure().clear();
  H5::Exception::clearErrorStack();
}

herr_t remember_failure(hid_t stack, void* /*data*/) {
  last_failure().clear();
  H5Ewalk2(stack, H5E_WALK_UPWARD, collect_error, &last_failure());
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

/// The errno a low-level I/O error reports ("..., errno = 28, error message = '...'"), or 0.
int system_error_of(const std::vector<std::string>& descriptions) {
  const std::string marker = "errno = ";
  for (const std::string& description : descriptions) {
    const std::size_t start = description.find(marker);
    if (start != std::string::npos) {
      const int error = std::atoi(description.c_str() + start + marker.size());
      if (error > 0) {
        return error;
      }
    }
  }
  return 0;
}

// At exit, ends the process before the C++ library's exit handler closes HDF5 (H5close), which
// would close again a file whose close failed and crash.
void end_without_closing_hdf5(int status, void* /*data*/) {
  std::fflush(nullptr);
  ::_exit(status);
}

// Called after a file failed to close. Exit handlers run in reverse order of registration and
// the C++ library registered its own when its first object was made, so this one runs first.
void keep_hdf5_open_at_exit() noexcept {
  static const bool registered = ::on_exit(end_without_closing_hdf5, nullptr) == 0;
  static_cast<void>(registered);
}

/// Before migdip first uses HDF5: no exit handler of the C library (after a failed close it
/// tried to close the file again at exit and crashed: H5_term_library -> H5F__close_cb), and
/// no printing of HDF5's error stack. Called by every function that opens a file.
void start_library() {
  static const bool no_exit_handler = [] {
    H5::H5Library::dontAtExit();
    return true;
  }();
  static_cast<void>(no_exit_handler);
  H5E_auto2_t handler = remember_failure;
  H5::Exception::setAutoPrint(handler, nullptr);
}

// --- Texts ---------------------------------------------------------------------------------------

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

/// Reads `count` strings stored as `stored` with `read(memory_type, buffer)`; shared by
/// attributes and datasets, which differ only in the read call.
std::vector<std::string> read_strings(const H5::StrType& stored, const H5::DataSpace& space,
                                      std::size_t count,
                                      const std::function<void(const H5::DataType&, void*)>& read) {
  std::vector<std::string> result;
  result.reserve(count);
  if (stored.isVariableStr()) {
    const H5::StrType memory_type = utf8_text();
    std::vector<char*> pointers(count, nullptr);
    if (count > 0) {
      read(memory_type, pointers.data());
    }
    for (const char* pointer : pointers) {
      result.emplace_back(pointer == nullptr ? "" : pointer);
    }
    if (count > 0) {
      H5::DataSet::vlenReclaim(pointers.data(), memory_type, space);
    }
    return result;
  }
  const std::size_t size = stored.getSize();
  H5::StrType memory_type;
  memory_type.copy(stored);
  std::vector<char> buffer(count * size);
  if (count > 0) {
    read(memory_type, buffer.data());
  }
  const bool space_padded = stored.getStrpad() == H5T_STR_SPACEPAD;
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

// Not a switch: H5T_class_t is HDF5's enumeration, most of whose classes are "other" here.
ValueKind kind_of(H5T_class_t type_class) {
  if (type_class == H5T_STRING) {
    return ValueKind::kText;
  }
  if (type_class == H5T_FLOAT || type_class == H5T_INTEGER) {
    return ValueKind::kNumber;
  }
  return ValueKind::kOther;
}

// --- Objects the C API makes -------------------------------------------------------------------

/// The C++ object owning `id`, which a C call returned (negative: it failed, for `what`).
template <typename Object>
Object adopt(hid_t id, std::string_view what) {
  if (id < 0) {
    fail(what);
  }
  Object object(id);  // takes a reference of its own
  H5Idec_ref(id);
  return object;
}

/// Creation properties that keep links and attributes in creation order, so the reader gives
/// back groups, variables and attributes in the order they were written.
template <typename Properties>
Properties in_creation_order(hid_t property_class) {
  Properties properties =
      guarded("creating properties", [&] { return Properties(property_class); });
  const unsigned flags = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  if (H5Pset_link_creation_order(properties.getId(), flags) < 0 ||
      H5Pset_attr_creation_order(properties.getId(), flags) < 0) {
    fail("tracking creation order");
  }
  return properties;
}

/// File access without HDF5's file lock (see File) and, where `semi`, with no closing of a
/// file while an object in it is open.
H5::FileAccPropList file_access(bool semi) {
  return guarded("setting up file access", [&] {
    H5::FileAccPropList access;
    access.setFileLocking(false, true);
    if (semi) {
      access.setFcloseDegree(H5F_CLOSE_SEMI);
    }
    return access;
  });
}

/// Access for writing a file on disk. No sieve buffer: data then reaches the file when it is
/// written, where a full disk is an error of that write. With one, it reaches the file when its
/// dataset is closed, whose failure the C++ API's destructors can only print.
H5::FileAccPropList file_writing_access(bool semi) {
  H5::FileAccPropList access = file_access(semi);
  guarded("setting up file access", [&] { access.setSieveBufSize(0); });
  return access;
}

/// HDF5 opens what it is given; a FIFO or a device would block it or feed it forever.
void require_regular_file(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) == 0 && !S_ISREG(status.st_mode)) {
    throw Error("not a regular file");
  }
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

// --- Shapes and types ----------------------------------------------------------------------------

H5::DataSpace space_of(const std::vector<std::size_t>& shape) {
  if (shape.empty()) {
    return H5::DataSpace(H5S_SCALAR);
  }
  const std::vector<hsize_t> dims(shape.begin(), shape.end());
  return H5::DataSpace(static_cast<int>(dims.size()), dims.data());
}

std::size_t element_count(const std::vector<std::size_t>& shape) {
  std::size_t count = 1;
  for (std::size_t extent : shape) {
    count *= extent;
  }
  return count;
}

struct TypePair {
  const H5::PredType& stored;
  const H5::PredType& native;
};

TypePair types_of(StoredType type) {
  switch (type) {
    case StoredType::kFloat64:
      return {H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE};
    case StoredType::kFloat32:
      return {H5::PredType::IEEE_F32LE, H5::PredType::NATIVE_FLOAT};
    case StoredType::kUInt8:
      return {H5::PredType::STD_U8LE, H5::PredType::NATIVE_UINT8};
    case StoredType::kUInt32:
      return {H5::PredType::STD_U32LE, H5::PredType::NATIVE_UINT32};
    case StoredType::kUInt64:
      return {H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64};
  }
  return {H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE};
}

// Transfer properties whose type-conversion buffers hold `elements` elements of up to 16 bytes
// (a string's pointer in memory, its heap reference in the file) and no more. HDF5's default
// is 1 MiB, allocated and zero-filled on every write that converts: most of the time spent
// writing a few labels.
H5::DSetMemXferPropList conversion_transfer(std::size_t elements) {
  constexpr std::size_t kLargestElement = 16;
  const std::size_t bytes = std::max<std::size_t>(elements, 1) * kLargestElement;
  H5::DSetMemXferPropList transfer;
  if (bytes >= (std::size_t{1} << 20) ||
      H5Pset_buffer(transfer.getId(), bytes, nullptr, nullptr) < 0) {
    return H5::DSetMemXferPropList(hid_t{H5P_DEFAULT});
  }
  return transfer;
}

// A file-space selection of the block, and a memory space of its size.
std::pair<H5::DataSpace, H5::DataSpace> block_spaces(const H5::DataSet& dataset,
                                                     const std::vector<std::size_t>& start,
                                                     const std::vector<std::size_t>& count) {
  H5::DataSpace file_space = dataset.getSpace();
  const std::vector<hsize_t> offsets(start.begin(), start.end());
  const std::vector<hsize_t> extents(count.begin(), count.end());
  file_space.selectHyperslab(H5S_SELECT_SET, extents.data(), offsets.data());
  return {std::move(file_space), space_of(count)};
}

}  // namespace

H5::StrType utf8_text() {
  return guarded("making the string type", [] {
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    type.setCset(H5T_CSET_UTF8);
    return type;
  });
}

const H5::DSetMemXferPropList& default_transfer() {
  static const H5::DSetMemXferPropList transfer(hid_t{H5P_DEFAULT});
  return transfer;
}

const H5::DSetCreatPropList& default_dataset_creation() {
  static const H5::DSetCreatPropList creation(hid_t{H5P_DEFAULT});
  return creation;
}

// The outermost explanation says what failed, the innermost why (often with errno).
[[noreturn]] void fail(std::string_view what) {
  std::vector<std::string> descriptions = std::move(last_failure());
  last_failure().clear();
  H5::Exception::clearErrorStack();
  std::string message(what);
  if (!descriptions.empty()) {
    message += ": " + descriptions.back();
    if (descriptions.size() > 1) {
      message += " (" + operating_system_reason(descriptions.front()) + ")";
    }
  }
  throw Error(message, system_error_of(descriptions));
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

// --- File ----------------------------------------------------------------------------------------

File::File(std::int64_t file) : file_(file) {
  try {
    root_ = adopt<H5::Group>(H5Gopen2(file, "/", H5P_DEFAULT), "opening the root group");
  } catch (...) {
    H5Fclose(file);
    file_ = -1;
    throw;
  }
}

File::File(File&& other) noexcept {
  *this = std::move(other);
}

File& File::operator=(File&& other) noexcept {
  if (this != &other) {
    try {
      close();
    } catch (const Error&) {
      // As in the destructor: the file is let go of, and the process will not close HDF5.
    }
    try {
      root_ = other.root_;
      other.root_.close();
    } catch (const H5::Exception&) {
      // Closing a group does no I/O; nothing is left to do if it fails.
    }
    file_ = std::exchange(other.file_, -1);
  }
  return *this;
}

File::~File() {
  try {
    close();
  } catch (const Error&) {
    // A destructor cannot report it; a writer that needs to know closes the file itself.
  }
}

void File::flush() const {
  guarded("flushing the file", [&] { root_.flush(H5F_SCOPE_GLOBAL); });
}

void File::close() {
  if (file_ < 0) {
    return;
  }
  const hid_t file = std::exchange(file_, -1);
  try {
    root_.close();  // no I/O: only the file's close writes
  } catch (const H5::Exception&) {
    // The close below then reports the group still open.
  }
  // Never twice, whatever happens: see File.
  if (H5Fclose(file) < 0) {
    keep_hdf5_open_at_exit();
    fail("closing the file");
  }
}

File create_file(const std::string& path) {
  start_library();
  const auto creation = in_creation_order<H5::FileCreatPropList>(H5P_FILE_CREATE);
  const H5::FileAccPropList access = file_writing_access(true);
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, creation.getId(), access.getId());
  if (file < 0) {
    fail("creating the file");
  }
  return File(file);
}

File open_file(const std::string& path, bool writable) {
  start_library();
  require_regular_file(path);
  const H5::FileAccPropList access = writable ? file_writing_access(false) : file_access(false);
  const hid_t file =
      H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, access.getId());
  if (file < 0) {
    fail("opening the file");
  }
  return File(file);
}

bool is_hdf5_file(const std::string& path) {
  start_library();
  require_regular_file(path);
  return guarded("reading the file", [&] { return H5::H5File::isHdf5(path); });
}

// --- Groups --------------------------------------------------------------------------------------

H5::Group create_group(const H5::Group& parent, const std::string& name) {
  const auto creation = in_creation_order<H5::PropList>(H5P_GROUP_CREATE);
  return adopt<H5::Group>(
      H5Gcreate2(parent.getId(), name.c_str(), H5P_DEFAULT, creation.getId(), H5P_DEFAULT),
      fmt::format("creating group '{}'", name));
}

H5::Group open_group(const H5::Group& parent, const std::string& name) {
  return guarded(fmt::format("opening '{}'", name), [&] { return parent.openGroup(name); });
}

H5::DataSet open_dataset(const H5::Group& parent, const std::string& name) {
  return guarded(fmt::format("opening '{}'", name), [&] { return parent.openDataSet(name); });
}

bool has_link(const H5::Group& parent, const std::string& name) {
  return guarded(fmt::format("looking up '{}'", name), [&] { return parent.nameExists(name); });
}

void delete_link(const H5::Group& parent, const std::string& name) {
  guarded(fmt::format("deleting '{}'", name), [&] { parent.unlink(name); });
}

bool is_group(const H5::Group& parent, const std::string& name) {
  return guarded(fmt::format("opening '{}'", name),
                 [&] { return parent.childObjType(name) == H5O_TYPE_GROUP; });
}

std::vector<std::string> member_names(const H5::Group& group) {
  std::vector<std::string> names;
  hsize_t position = 0;
  if (H5Literate(group.getId(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &position, append_link_name,
                 &names) < 0) {
    // The group does not track creation order (not written by migdip): fall back to names.
    forget_failure();
    names.clear();
    position = 0;
    if (H5Literate(group.getId(), H5_INDEX_NAME, H5_ITER_INC, &position, append_link_name, &names) <
        0) {
      fail("listing a group");
    }
  }
  return names;
}

// --- Attributes ----------------------------------------------------------------------------------

void write_text_attribute(const H5::H5Object& object, const std::string& name,
                          std::string_view value) {
  if (has_attribute(object, name)) {
    delete_attribute(object, name);
  }
  write_new_text_attribute(object, name, value);
}

void write_new_text_attribute(const H5::H5Object& object, const std::string& name,
                              std::string_view value) {
  check_storable(name, value);
  static const H5::StrType type = utf8_text();
  const H5::Attribute attribute = guarded(fmt::format("creating attribute '{}'", name), [&] {
    return object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
  });
  const std::string text(value);
  const char* pointer = text.c_str();
  guarded(fmt::format("writing attribute '{}'", name), [&] { attribute.write(type, &pointer); });
}

void write_new_char_attribute(const H5::H5Object& object, const std::string& name,
                              std::string_view value) {
  check_storable(name, value);
  if (value.empty()) {
    throw Error(fmt::format("attribute '{}' would be an empty fixed-length text", name));
  }
  const H5::Attribute attribute = guarded(fmt::format("creating attribute '{}'", name), [&] {
    H5::StrType type(H5::PredType::C_S1, value.size());
    type.setCset(H5T_CSET_UTF8);
    type.setStrpad(H5T_STR_NULLPAD);
    return object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
  });
  guarded(fmt::format("writing attribute '{}'", name),
          [&] { attribute.write(attribute.getStrType(), value.data()); });
}

void write_number_attribute(const H5::H5Object& object, const std::string& name, double value) {
  if (has_attribute(object, name)) {
    // A scalar number is overwritten in place: no metadata moves, which is what a sweep file
    // being finished needs, and deleting an attribute that other tools rewrote can fail.
    const bool in_place = guarded(fmt::format("writing attribute '{}'", name), [&] {
      const H5::Attribute existing = object.openAttribute(name);
      if (kind_of(existing.getTypeClass()) != ValueKind::kNumber ||
          existing.getSpace().getSimpleExtentNpoints() != 1) {
        return false;
      }
      existing.write(H5::PredType::NATIVE_DOUBLE, &value);
      return true;
    });
    if (in_place) {
      return;
    }
    delete_attribute(object, name);
  }
  guarded(fmt::format("creating attribute '{}'", name), [&] {
    object.createAttribute(name, H5::PredType::IEEE_F64LE, H5::DataSpace(H5S_SCALAR))
        .write(H5::PredType::NATIVE_DOUBLE, &value);
  });
}

std::vector<std::string> attribute_names(const H5::H5Object& object) {
  std::vector<std::string> names;
  hsize_t position = 0;
  if (H5Aiterate2(object.getId(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &position, append_attribute_name,
                  &names) < 0) {
    // The object does not track creation order: fall back to names.
    forget_failure();
    names.clear();
    position = 0;
    if (H5Aiterate2(object.getId(), H5_INDEX_NAME, H5_ITER_INC, &position, append_attribute_name,
                    &names) < 0) {
      fail("listing attributes");
    }
  }
  return names;
}

bool has_attribute(const H5::H5Object& object, const std::string& name) {
  return guarded(fmt::format("looking up attribute '{}'", name),
                 [&] { return object.attrExists(name); });
}

void delete_attribute(const H5::H5Object& object, const std::string& name) {
  guarded(fmt::format("replacing attribute '{}'", name), [&] { object.removeAttr(name); });
}

ValueKind attribute_kind(const H5::H5Object& object, const std::string& name) {
  return guarded(fmt::format("opening attribute '{}'", name),
                 [&] { return kind_of(object.openAttribute(name).getTypeClass()); });
}

std::optional<std::string> read_text_attribute(const H5::H5Object& object,
                                               const std::string& name) {
  if (!has_attribute(object, name)) {
    return std::nullopt;
  }
  return guarded(fmt::format("reading attribute '{}'", name), [&] {
    const H5::Attribute attribute = object.openAttribute(name);
    const H5::DataSpace space = attribute.getSpace();
    if (space.getSimpleExtentNpoints() != 1 || attribute.getTypeClass() != H5T_STRING) {
      throw Error(fmt::format("attribute '{}' is not a single text", name));
    }
    return read_strings(attribute.getStrType(), space, 1,
                        [&](const H5::DataType& memory_type, void* buffer) {
                          attribute.read(memory_type, buffer);
                        })[0];
  });
}

double read_number_attribute(const H5::H5Object& object, const std::string& name) {
  return guarded(fmt::format("reading attribute '{}'", name), [&] {
    const H5::Attribute attribute = object.openAttribute(name);
    if (attribute.getSpace().getSimpleExtentNpoints() != 1 ||
        kind_of(attribute.getTypeClass()) != ValueKind::kNumber) {
      throw Error(fmt::format("attribute '{}' is not a single number", name));
    }
    double value = 0;
    attribute.read(H5::PredType::NATIVE_DOUBLE, &value);
    return value;
  });
}

// --- Datasets ------------------------------------------------------------------------------------

H5::DataSet create_dataset(const H5::Group& parent, const std::string& name,
                           const H5::DataType& type, const H5::DataSpace& space,
                           const H5::DSetCreatPropList& properties) {
  static const H5::DSetAccPropList access(hid_t{H5P_DEFAULT});
  static const H5::LinkCreatPropList link_creation(hid_t{H5P_DEFAULT});
  return guarded(fmt::format("creating dataset '{}'", name), [&] {
    return parent.createDataSet(name, type, space, properties, access, link_creation);
  });
}

H5::DataSet write_text_scalar(const H5::Group& parent, const std::string& name,
                              std::string_view value) {
  check_storable(name, value);
  const H5::StrType type = utf8_text();
  H5::DataSet dataset = create_dataset(parent, name, type, H5::DataSpace(H5S_SCALAR));
  const std::string text(value);
  const char* pointer = text.c_str();
  guarded(fmt::format("writing '{}'", name), [&] {
    dataset.write(&pointer, type, H5::DataSpace::ALL, H5::DataSpace::ALL, conversion_transfer(1));
  });
  return dataset;
}

H5::DataSet write_texts(const H5::Group& parent, const std::string& name,
                        const std::vector<std::string>& values,
                        const std::vector<std::size_t>& shape) {
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& value : values) {
    check_storable(name, value);
    pointers.push_back(value.c_str());
  }
  const std::vector<std::size_t> extents =
      shape.empty() ? std::vector<std::size_t>{values.size()} : shape;
  if (element_count(extents) != values.size()) {
    throw Error(fmt::format("'{}' has {} texts for a shape of {} elements", name, values.size(),
                            element_count(extents)));
  }
  const H5::StrType type = utf8_text();
  H5::DataSet dataset = create_dataset(parent, name, type, space_of(extents));
  if (!values.empty()) {
    guarded(fmt::format("writing '{}'", name), [&] {
      dataset.write(pointers.data(), type, H5::DataSpace::ALL, H5::DataSpace::ALL,
                    conversion_transfer(pointers.size()));
    });
  }
  return dataset;
}

H5::DataSet write_numbers(const H5::Group& parent, const std::string& name,
                          const std::vector<std::size_t>& shape, const std::vector<double>& values,
                          bool compress) {
  const std::size_t count = element_count(shape);
  if (count != values.size()) {
    throw Error(
        fmt::format("'{}' has {} values for a shape of {} elements", name, values.size(), count));
  }
  // Chunking needs a rank of at least one and no zero extent; such arrays hold nothing worth
  // compressing anyway.
  H5::DataSet dataset =
      compress && count > 0 && !shape.empty()
          ? create_compressed(parent, name, shape, choose_chunk_shape(shape, kChunkElements), false)
          : create_dataset(parent, name, H5::PredType::IEEE_F64LE, space_of(shape));
  if (count > 0) {
    guarded(fmt::format("writing '{}'", name), [&] {
      dataset.write(values.data(), H5::PredType::NATIVE_DOUBLE, H5::DataSpace::ALL,
                    H5::DataSpace::ALL, default_transfer());
    });
  }
  return dataset;
}

H5::DataSet create_compressed(const H5::Group& parent, const std::string& name,
                              const std::vector<std::size_t>& shape,
                              const std::vector<std::size_t>& chunk, bool extendible,
                              int deflate_level, StoredType type) {
  const std::vector<hsize_t> chunk_extents(chunk.begin(), chunk.end());
  const std::vector<hsize_t> dims(shape.begin(), shape.end());
  std::vector<hsize_t> max_dims = dims;
  if (extendible && !max_dims.empty()) {
    max_dims[0] = H5S_UNLIMITED;
  }
  H5::DSetCreatPropList properties;
  H5::DSetAccPropList access;
  guarded("setting up compression", [&] {
    properties.setChunk(static_cast<int>(chunk_extents.size()), chunk_extents.data());
    // Shuffling only helps deflate; without it, it would cost time for nothing.
    if (deflate_level > 0) {
      properties.setShuffle();
      properties.setDeflate(deflate_level);
    }
    // Last in the pipeline, so it covers the stored bytes: HDF5 checks it on every read, and
    // a damaged chunk becomes a read error instead of wrong numbers.
    properties.setFletcher32();
    access.setChunkCache(0, 0, 1.0);
  });
  static const H5::LinkCreatPropList link_creation(hid_t{H5P_DEFAULT});
  return guarded(fmt::format("creating dataset '{}'", name), [&] {
    const H5::DataSpace space(static_cast<int>(dims.size()), dims.data(), max_dims.data());
    return parent.createDataSet(name, types_of(type).stored, space, properties, access,
                                link_creation);
  });
}

H5::DataSet write_integers(const H5::Group& parent, const std::string& name,
                           const std::vector<std::int32_t>& values) {
  H5::DataSet dataset =
      create_dataset(parent, name, H5::PredType::STD_I32LE, space_of({values.size()}));
  if (!values.empty()) {
    guarded(fmt::format("writing '{}'", name), [&] {
      dataset.write(values.data(), H5::PredType::NATIVE_INT32, H5::DataSpace::ALL,
                    H5::DataSpace::ALL, default_transfer());
    });
  }
  return dataset;
}

H5::DataSet create_preallocated(const H5::Group& parent, const std::string& name,
                                const std::vector<std::size_t>& shape, StoredType type,
                                double fill) {
  const TypePair types = types_of(type);
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
    case StoredType::kFloat32:
      throw Error(fmt::format("'{}': preallocated datasets of float32 are not supported", name));
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
  H5::DSetCreatPropList properties;
  guarded("setting up a preallocated dataset", [&] {
    properties.setLayout(H5D_CONTIGUOUS);
    properties.setAllocTime(H5D_ALLOC_TIME_EARLY);
    properties.setFillTime(H5D_FILL_TIME_ALLOC);
    properties.setFillValue(types.native, fill_value);
  });
  return create_dataset(parent, name, types.stored, space_of(shape), properties);
}

void write_block(const H5::DataSet& dataset, const std::vector<std::size_t>& start,
                 const std::vector<std::size_t>& count, StoredType type, const void* data) {
  guarded("writing a block", [&] {
    const auto [file_space, memory_space] = block_spaces(dataset, start, count);
    dataset.write(data, types_of(type).native, memory_space, file_space, default_transfer());
  });
}

void read_block(const H5::DataSet& dataset, const std::vector<std::size_t>& start,
                const std::vector<std::size_t>& count, StoredType type, void* data) {
  guarded("reading a block", [&] {
    const auto [file_space, memory_space] = block_spaces(dataset, start, count);
    dataset.read(data, types_of(type).native, memory_space, file_space, default_transfer());
  });
}

std::uint64_t storage_bytes(const H5::DataSet& dataset) {
  return guarded("measuring a dataset", [&] { return dataset.getStorageSize(); });
}

ValueKind dataset_kind(const H5::DataSet& dataset) {
  return guarded("reading a dataset type", [&] { return kind_of(dataset.getTypeClass()); });
}

std::vector<std::size_t> dataset_shape(const H5::DataSet& dataset) {
  return guarded("reading a dataset shape", [&] {
    const H5::DataSpace space = dataset.getSpace();
    std::vector<hsize_t> dims(static_cast<std::size_t>(space.getSimpleExtentNdims()));
    if (!dims.empty()) {
      space.getSimpleExtentDims(dims.data());
    }
    return std::vector<std::size_t>(dims.begin(), dims.end());
  });
}

std::size_t stored_point_count(const H5::DataSet& dataset) {
  // Data needs storage in the file, at most the file's size, and deflate, the one compressing
  // filter migdip uses, stores at most 1032 bytes in one.
  constexpr double kDeflateLimit = 1032;
  const hid_t file = H5Iget_file_id(dataset.getId());  // the C++ API has no file size here
  if (file < 0) {
    fail("finding a dataset's file");
  }
  hsize_t file_size = 0;
  const herr_t measured = H5Fget_filesize(file, &file_size);
  H5Fclose(file);  // only gives back the identifier H5Iget_file_id took
  if (measured < 0) {
    fail("measuring a file");
  }
  const auto [count, claimed_bytes, stored_bytes] = guarded("reading a dataset's size", [&] {
    const auto points = static_cast<std::size_t>(dataset.getSpace().getSimpleExtentNpoints());
    const double element_size =
        static_cast<double>(std::max<std::size_t>(dataset.getDataType().getSize(), 1));
    const hsize_t stored = std::min<hsize_t>(dataset.getStorageSize(), file_size);
    return std::tuple{points, static_cast<double>(points) * element_size,
                      static_cast<double>(stored)};
  });
  if (claimed_bytes > kDeflateLimit * stored_bytes) {
    throw Error(fmt::format("a dataset claims {} elements, more than its file can hold", count));
  }
  return count;
}

std::vector<double> read_numbers(const H5::DataSet& dataset) {
  if (dataset_kind(dataset) != ValueKind::kNumber) {
    throw Error("expected numbers, found another type");
  }
  return guarded("reading numbers", [&] {
    std::vector<double> values(stored_point_count(dataset));
    if (!values.empty()) {
      dataset.read(values.data(), H5::PredType::NATIVE_DOUBLE, H5::DataSpace::ALL,
                   H5::DataSpace::ALL, default_transfer());
    }
    return values;
  });
}

std::vector<std::string> read_texts(const H5::DataSet& dataset) {
  if (dataset_kind(dataset) != ValueKind::kText) {
    throw Error("expected text, found another type");
  }
  return guarded("reading strings", [&] {
    const H5::DataSpace space = dataset.getSpace();
    return read_strings(dataset.getStrType(), space, stored_point_count(dataset),
                        [&](const H5::DataType& memory_type, void* buffer) {
                          dataset.read(buffer, memory_type, H5::DataSpace::ALL, H5::DataSpace::ALL,
                                       default_transfer());
                        });
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

// --- Dimension scales ----------------------------------------------------------------------------

void make_dimension_scale(const H5::DataSet& dataset, const std::string& dimension) {
  if (H5DSset_scale(dataset.getId(), dimension.c_str()) < 0) {
    fail(fmt::format("making '{}' a dimension scale", dimension));
  }
}

bool is_dimension_scale(const H5::DataSet& dataset) {
  const htri_t scale = H5DSis_scale(dataset.getId());
  if (scale < 0) {
    fail("checking for a dimension scale");
  }
  return scale > 0;
}

void attach_dimension_scale(const H5::DataSet& dataset, const H5::DataSet& scale, unsigned axis) {
  if (H5DSattach_scale(dataset.getId(), scale.getId(), axis) < 0) {
    fail("attaching a dimension scale");
  }
}

namespace {

hobj_ref_t reference_to(const H5::DataSet& dataset) {
  hobj_ref_t reference = 0;
  if (H5Rcreate(&reference, dataset.getId(), ".", H5R_OBJECT, -1) < 0) {
    fail("referring to a dataset");
  }
  return reference;
}

// An HDF5 identifier closed by its destructor, for the C calls below.
class Closing {
 public:
  Closing(hid_t id, herr_t (*close)(hid_t), std::string_view what) : id_(id), close_(close) {
    if (id < 0) {
      fail(what);
    }
  }
  Closing(const Closing&) = delete;
  Closing& operator=(const Closing&) = delete;
  ~Closing() { close_(id_); }
  operator hid_t() const { return id_; }  // NOLINT: used where HDF5 takes an hid_t

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

// Writes a new attribute of `type` and `elements` elements on `object`.
void write_new_attribute(hid_t object, const char* name, hid_t type, hsize_t elements,
                         const void* data) {
  const Closing space(H5Screate_simple(1, &elements, nullptr), H5Sclose, "making a dataspace");
  const Closing attribute(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                          fmt::format("creating attribute '{}'", name));
  if (H5Awrite(attribute, type, data) < 0) {
    fail(fmt::format("writing attribute '{}'", name));
  }
}

}  // namespace

void ScaleReferences::attach(const H5::DataSet& dataset,
                             const std::vector<const H5::DataSet*>& scales) {
  if (scales.empty()) {
    return;  // a scalar has no axes
  }
  // As H5DSattach_scale: DIMENSION_LIST holds, per axis, a variable-length list of references
  // to the scales attached to it (one here).
  std::vector<hobj_ref_t> references;
  for (const H5::DataSet* scale : scales) {
    references.push_back(reference_to(*scale));
  }
  std::vector<hvl_t> lists;
  for (hobj_ref_t& reference : references) {
    lists.push_back(hvl_t{1, &reference});
  }
  const Closing type(H5Tvlen_create(H5T_STD_REF_OBJ), H5Tclose, "making a reference list type");
  write_new_attribute(dataset.getId(), "DIMENSION_LIST", type, lists.size(), lists.data());
  for (std::size_t axis = 0; axis < scales.size(); ++axis) {
    auto known = std::find_if(scales_.begin(), scales_.end(),
                              [&](const Scale& entry) { return entry.scale == scales[axis]; });
    if (known == scales_.end()) {
      known = scales_.insert(scales_.end(), Scale{scales[axis], {}});
    }
    known->users.emplace_back(dataset, static_cast<unsigned>(axis));
  }
}

void ScaleReferences::write_reference_lists() {
  // As H5DSattach_scale: REFERENCE_LIST is a list of {dataset reference, axis} in the order of
  // attachment, of this compound type (ds_list_t in H5DSprivate.h).
  struct Entry {
    hobj_ref_t dataset;
    int dimension;
  };
  const Closing type(H5Tcreate(H5T_COMPOUND, sizeof(Entry)), H5Tclose,
                     "making a reference list type");
  if (H5Tinsert(type, "dataset", HOFFSET(Entry, dataset), H5T_STD_REF_OBJ) < 0 ||
      H5Tinsert(type, "dimension", HOFFSET(Entry, dimension), H5T_NATIVE_INT) < 0) {
    fail("making a reference list type");
  }
  for (const Scale& scale : scales_) {
    std::vector<Entry> entries;
    for (const auto& [dataset, axis] : scale.users) {
      entries.push_back(Entry{reference_to(dataset), static_cast<int>(axis)});
    }
    write_new_attribute(scale.scale->getId(), "REFERENCE_LIST", type, entries.size(),
                        entries.data());
  }
  scales_.clear();
}

std::optional<std::string> attached_scale_name(const H5::DataSet& dataset, unsigned axis) {
  const int count = H5DSget_num_scales(dataset.getId(), axis);
  if (count < 0) {
    fail("counting dimension scales");
  }
  std::optional<std::string> name;
  if (count > 0 &&
      H5DSiterate_scales(dataset.getId(), axis, nullptr, remember_scale_name, &name) < 0) {
    fail("reading dimension scales");
  }
  return name;
}

}  // namespace migdip::hdf5
