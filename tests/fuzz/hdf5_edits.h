#pragma once
// Well-formed but hostile HDF5 files for the *_edits harnesses: a file migdip wrote, changed
// through the HDF5 library by a short program read from the fuzzer's input. Members and
// attributes are deleted, attributes get texts or numbers of any value, datasets are replaced by
// others of any shape, element type and content, and dimension scales are re-attached. The
// library keeps the file well formed, so what is tested is migdip's reading of what the file
// says, not libhdf5's parsing of damaged bytes. With MIGDIP_FUZZ_SHOW_EDITS set in the
// environment, each edit is printed on stderr: what a reproducer does, in words.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <variant>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "io_hdf5/hdf5_helpers.h"

namespace migdip::fuzz {

class Hdf5Editor {
 public:
  Hdf5Editor(const std::string& path, FuzzedDataProvider& input)
      : file_(hdf5::open_file(path, true)), input_(input) {
    collect("/");
  }

  /// Applies up to `max_edits` edits and closes the file. An edit the library refuses (of an
  /// object deleted by an earlier one, say) is skipped.
  void run(int max_edits) {
    const int edits = input_.ConsumeIntegralInRange(1, max_edits);
    for (int i = 0; i < edits && input_.remaining_bytes() > 0; ++i) {
      try {
        edit();
      } catch (const hdf5::Error&) {
      }
    }
    file_.close();
  }

 private:
  enum class Edit {
    kDeleteMember,
    kTextAttribute,
    kNumberAttribute,
    kDeleteAttribute,
    kNumbers,
    kTexts,
    kIntegers,
    kPreallocated,
    kAttachScale,
    kMaxValue = kAttachScale
  };

  // Whether an attribute the dimension-scale library reads without checking is absent or of the
  // type it expects: that library crashes on others (and readers must refuse them before
  // calling it; editing through it is what must not crash here).
  static bool attribute_is_absent_or(const H5::DataSet& object, const char* name,
                                     H5T_class_t type) {
    return hdf5::guarded("inspecting an attribute", [&] {
      return !object.attrExists(name) || object.openAttribute(name).getTypeClass() == type;
    });
  }

  static bool scale_attributes_well_formed(const H5::DataSet& dataset) {
    return attribute_is_absent_or(dataset, "DIMENSION_LIST", H5T_VLEN) &&
           attribute_is_absent_or(dataset, "REFERENCE_LIST", H5T_COMPOUND) &&
           attribute_is_absent_or(dataset, "CLASS", H5T_STRING) &&
           attribute_is_absent_or(dataset, "NAME", H5T_STRING);
  }

  void collect(const std::string& group_path) {
    const H5::Group group = hdf5::open_group(file_, group_path);
    for (const std::string& name : hdf5::member_names(group)) {
      const std::string path = group_path == "/" ? "/" + name : group_path + "/" + name;
      if (hdf5::is_group(group, name)) {
        groups_.push_back(path);
        collect(path);
      } else {
        datasets_.push_back(path);
      }
    }
  }

  const std::string& pick(const std::vector<std::string>& paths) {
    return paths[input_.ConsumeIntegralInRange<std::size_t>(0, paths.size() - 1)];
  }

  // The root, a group or a dataset, open.
  using Object = std::variant<H5::Group, H5::DataSet>;
  Object pick_object() {
    const int kind = input_.ConsumeIntegralInRange(0, 2);
    if (kind == 1 && !groups_.empty()) {
      return hdf5::open_group(file_, pick(groups_));
    }
    if (kind == 2 && !datasets_.empty()) {
      return hdf5::open_dataset(file_, pick(datasets_));
    }
    return hdf5::open_group(file_, "/");
  }

  static const H5::H5Object& attributes_of(const Object& object) {
    return std::visit([](const auto& held) -> const H5::H5Object& { return held; }, object);
  }

  // One of the object's attributes, or now and then a name from the input.
  std::string pick_attribute(const H5::H5Object& object) {
    const std::vector<std::string> names = hdf5::attribute_names(object);
    if (names.empty() || input_.ConsumeIntegralInRange(0, 7) == 0) {
      return input_.ConsumeRandomLengthString(16);
    }
    return pick(names);
  }

  // The attributes HDF5's dimension-scale library keeps: it crashes when one of them has
  // another type (a libhdf5 1.10 crash, which the readers' rehearsal contains), so they are
  // deleted but never given texts or numbers.
  static bool is_scale_attribute(const std::string& name) {
    return name == "DIMENSION_LIST" || name == "REFERENCE_LIST" || name == "CLASS" ||
           name == "NAME";
  }

  double any_double() {
    const std::vector<std::uint8_t> bytes = input_.ConsumeBytes<std::uint8_t>(sizeof(double));
    double value = 0;
    if (!bytes.empty()) {
      std::memcpy(&value, bytes.data(), bytes.size());
    }
    return value;
  }

  // A shape of rank 0 to 3 with small extents, sometimes zero.
  std::vector<std::size_t> any_shape() {
    std::vector<std::size_t> shape(input_.ConsumeIntegralInRange<std::size_t>(0, 3));
    for (std::size_t& extent : shape) {
      extent = input_.ConsumeIntegralInRange<std::size_t>(0, 6);
    }
    return shape;
  }

  static std::size_t elements(const std::vector<std::size_t>& shape) {
    std::size_t count = 1;
    for (const std::size_t extent : shape) {
      count *= extent;
    }
    return count;
  }

  // Removes a dataset and returns its group and name, to write another in its place.
  std::pair<H5::Group, std::string> vacate(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    H5::Group parent = hdf5::open_group(file_, slash == 0 ? "/" : path.substr(0, slash));
    const std::string name = path.substr(slash + 1);
    hdf5::delete_link(parent, name);
    return {std::move(parent), name};
  }

  void edit() {
    switch (input_.ConsumeEnum<Edit>()) {
      case Edit::kDeleteMember: {
        const std::vector<std::string>& paths =
            groups_.empty() || input_.ConsumeBool() ? datasets_ : groups_;
        if (!paths.empty()) {
          const std::string& path = pick(paths);
          show("delete " + path);
          hdf5::delete_link(file_, path);
        }
        return;
      }
      case Edit::kTextAttribute: {
        const Object picked = pick_object();
        const H5::H5Object& object = attributes_of(picked);
        const std::string name = pick_attribute(object);
        if (is_scale_attribute(name)) {
          return;
        }
        const std::string text = input_.ConsumeRandomLengthString(64);
        show("attribute '" + name + "' = text '" + text + "'");
        hdf5::write_text_attribute(object, name, text);
        return;
      }
      case Edit::kNumberAttribute: {
        const Object picked = pick_object();
        const H5::H5Object& object = attributes_of(picked);
        const std::string name = pick_attribute(object);
        if (is_scale_attribute(name)) {
          return;
        }
        const double value = any_double();
        show("attribute '" + name + "' = number " + std::to_string(value));
        hdf5::write_number_attribute(object, name, value);
        return;
      }
      case Edit::kDeleteAttribute: {
        const Object picked = pick_object();
        const H5::H5Object& object = attributes_of(picked);
        const std::string name = pick_attribute(object);
        show("delete attribute '" + name + "'");
        hdf5::delete_attribute(object, name);
        return;
      }
      case Edit::kNumbers: {
        if (datasets_.empty()) {
          return;
        }
        const std::string& path = pick(datasets_);
        auto [parent, name] = vacate(path);
        const std::vector<std::size_t> shape = any_shape();
        show("replace " + path + " by float64 " + shape_text(shape));
        std::vector<double> values(elements(shape));
        for (double& value : values) {
          value = any_double();
        }
        hdf5::write_numbers(parent, name, shape, values, input_.ConsumeBool());
        return;
      }
      case Edit::kTexts: {
        if (datasets_.empty()) {
          return;
        }
        const std::string& path = pick(datasets_);
        auto [parent, name] = vacate(path);
        std::vector<std::size_t> shape = any_shape();
        show("replace " + path + " by texts " + shape_text(shape));
        if (shape.empty()) {
          hdf5::write_text_scalar(parent, name, input_.ConsumeRandomLengthString(32));
          return;
        }
        std::vector<std::string> texts(elements(shape));
        for (std::string& text : texts) {
          text = input_.ConsumeRandomLengthString(32);
        }
        hdf5::write_texts(parent, name, texts, shape);
        return;
      }
      case Edit::kIntegers: {
        if (datasets_.empty()) {
          return;
        }
        const std::string& path = pick(datasets_);
        auto [parent, name] = vacate(path);
        std::vector<std::int32_t> values(input_.ConsumeIntegralInRange<std::size_t>(0, 8));
        show("replace " + path + " by int32 (" + std::to_string(values.size()) + ")");
        for (std::int32_t& value : values) {
          value = input_.ConsumeIntegral<std::int32_t>();
        }
        hdf5::write_integers(parent, name, values);
        return;
      }
      case Edit::kPreallocated: {
        // The sweep writer's own kind of dataset (done flags, seeds, metrics), any content.
        if (datasets_.empty()) {
          return;
        }
        const std::string& path = pick(datasets_);
        std::vector<std::size_t> shape;
        {
          const H5::DataSet old = hdf5::open_dataset(file_, path);
          shape = input_.ConsumeBool() ? hdf5::dataset_shape(old) : any_shape();
        }
        if (shape.empty() || elements(shape) == 0 || elements(shape) > 4096) {
          return;
        }
        const hdf5::StoredType type = input_.PickValueInArray(
            {hdf5::StoredType::kFloat64, hdf5::StoredType::kUInt8, hdf5::StoredType::kUInt64});
        const std::size_t width = type == hdf5::StoredType::kUInt8 ? 1 : 8;
        std::vector<std::uint8_t> bytes =
            input_.ConsumeBytes<std::uint8_t>(elements(shape) * width);
        bytes.resize(elements(shape) * width);
        show("replace " + path + " by preallocated " + shape_text(shape) + " of type " +
             std::to_string(static_cast<int>(type)));
        auto [parent, name] = vacate(path);
        const H5::DataSet dataset = hdf5::create_preallocated(parent, name, shape, type, 0);
        hdf5::write_block(dataset, std::vector<std::size_t>(shape.size(), 0), shape, type,
                          bytes.data());
        return;
      }
      case Edit::kAttachScale: {
        if (datasets_.empty()) {
          return;
        }
        const std::string& dataset_path = pick(datasets_);
        const std::string& scale_path = pick(datasets_);
        const H5::DataSet dataset = hdf5::open_dataset(file_, dataset_path);
        const H5::DataSet scale = hdf5::open_dataset(file_, scale_path);
        if (!scale_attributes_well_formed(dataset) || !scale_attributes_well_formed(scale)) {
          return;
        }
        if (!hdf5::is_dimension_scale(scale)) {
          hdf5::make_dimension_scale(scale, input_.ConsumeRandomLengthString(16));
        }
        const unsigned axis = input_.ConsumeIntegralInRange(0U, 3U);
        show("attach " + scale_path + " to axis " + std::to_string(axis) + " of " + dataset_path);
        hdf5::attach_dimension_scale(dataset, scale, axis);
        return;
      }
    }
  }

  void show(const std::string& edit) const {
    if (show_edits_) {
      std::fprintf(stderr, "edit: %s\n", edit.c_str());
    }
  }

  static std::string shape_text(const std::vector<std::size_t>& shape) {
    std::string text = "(";
    for (const std::size_t extent : shape) {
      text += std::to_string(extent) + (&extent == &shape.back() ? "" : ", ");
    }
    return text + ")";
  }

  hdf5::File file_;
  FuzzedDataProvider& input_;
  const bool show_edits_ = std::getenv("MIGDIP_FUZZ_SHOW_EDITS") != nullptr;
  std::vector<std::string> groups_;
  std::vector<std::string> datasets_;
};

}  // namespace migdip::fuzz
