// The thin HDF5 layer: chunk shapes, text checks, attribute replacement, error messages.

#include "io_hdf5/hdf5_helpers.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <fstream>
#include <string>
#include <vector>

#include "io_hdf5/temporary_path.h"

namespace migdip::hdf5 {
namespace {

namespace fs = std::filesystem;

using Shape = std::vector<std::size_t>;

TEST(ChooseChunkShape, SmallArraysAreOneChunk) {
  EXPECT_EQ(choose_chunk_shape({10}, 65536), Shape{10});
  EXPECT_EQ(choose_chunk_shape({52, 30, 3}, 65536), (Shape{52, 30, 3}));
}

TEST(ChooseChunkShape, LongArraysAreCutAlongTheFirstDimension) {
  EXPECT_EQ(choose_chunk_shape({1000000}, 65536), Shape{65536});
  EXPECT_EQ(choose_chunk_shape({5200, 200, 3}, 65536), (Shape{109, 200, 3}));
}

TEST(ChooseChunkShape, RowsLargerThanAChunkAreCutFurther) {
  EXPECT_EQ(choose_chunk_shape({10, 1000, 1000}, 65536), (Shape{1, 65, 1000}));
  EXPECT_EQ(choose_chunk_shape({3, 2, 100000}, 65536), (Shape{1, 1, 65536}));
}

class Hdf5HelpersTest : public ::testing::Test {
 protected:
  TemporaryPath file_{"migdip-helpers-"};
  const std::string& path_ = file_.path();
};

TEST_F(Hdf5HelpersTest, PreallocatedIntegersTakeOnlyFillValuesOfTheirType) {
  Handle file = create_file(path_);
  {
    Handle counts = create_preallocated(file.get(), "counts", {3}, StoredType::kUInt32, 7);
    std::uint32_t values[3] = {};
    read_block(counts.get(), {0}, {3}, StoredType::kUInt32, values);
    EXPECT_EQ(values[0], 7u);
    EXPECT_EQ(values[2], 7u);
  }
  // A NaN, a negative, a fraction or a value too large for the type is refused, never cast:
  // converting them would be undefined behaviour.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(create_preallocated(file.get(), "a", {3}, StoredType::kUInt8, nan), Error);
  EXPECT_THROW(create_preallocated(file.get(), "b", {3}, StoredType::kUInt8, 256), Error);
  EXPECT_THROW(create_preallocated(file.get(), "c", {3}, StoredType::kUInt32, -1), Error);
  EXPECT_THROW(create_preallocated(file.get(), "d", {3}, StoredType::kUInt64, 0.5), Error);
  EXPECT_THROW(create_preallocated(file.get(), "e", {3}, StoredType::kUInt64, 0x1p64), Error);
  Handle real = create_preallocated(file.get(), "f", {2}, StoredType::kFloat64, nan);
  double values[2] = {};
  read_block(real.get(), {0}, {2}, StoredType::kFloat64, values);
  EXPECT_TRUE(std::isnan(values[1]));
}

TEST_F(Hdf5HelpersTest, OnlyRegularFilesAreOpened) {
  const fs::path fifo = fs::path(path_).replace_extension(".fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // Would block forever waiting for a writer if HDF5 were let at it.
  EXPECT_THROW(is_hdf5_file(fifo.string()), Error);
  EXPECT_THROW(open_file(fifo.string(), false), Error);
  fs::remove(fifo);
}

TEST_F(Hdf5HelpersTest, AttributesAreReplacedAndKeepTheirKind) {
  Handle file = create_file(path_);
  write_text_attribute(file.get(), "a", "first");
  write_text_attribute(file.get(), "a", "second");
  write_number_attribute(file.get(), "b", 2.5);
  EXPECT_EQ(read_text_attribute(file.get(), "a"), "second");
  EXPECT_EQ(read_number_attribute(file.get(), "b"), 2.5);
  EXPECT_EQ(attribute_kind(file.get(), "a"), ValueKind::kText);
  EXPECT_EQ(attribute_kind(file.get(), "b"), ValueKind::kNumber);
  EXPECT_EQ(read_text_attribute(file.get(), "missing"), std::nullopt);
  EXPECT_THROW(read_text_attribute(file.get(), "b"), Error);
}

TEST_F(Hdf5HelpersTest, MembersAndAttributesComeBackInCreationOrder) {
  Handle file = create_file(path_);
  for (const char* name : {"zeta", "alpha", "mu"}) {
    write_text_attribute(file.get(), name, name);
    create_group(file.get(), name);
  }
  EXPECT_EQ(attribute_names(file.get()), (std::vector<std::string>{"zeta", "alpha", "mu"}));
  EXPECT_EQ(member_names(file.get()), (std::vector<std::string>{"zeta", "alpha", "mu"}));
}

TEST_F(Hdf5HelpersTest, TextThatCannotRoundTripIsRefused) {
  Handle file = create_file(path_);
  EXPECT_THROW(write_text_attribute(file.get(), "a", "\xc3\x28"), Error);
  EXPECT_THROW(write_text_attribute(file.get(), "a", "\xed\xa0\x80"), Error);  // surrogate
  EXPECT_THROW(write_text_attribute(file.get(), "a", "\xe0\x80\xaf"), Error);  // overlong
  EXPECT_THROW(write_texts(file.get(), "t", {"ok", std::string("a\0b", 3)}), Error);
  EXPECT_NO_THROW(write_text_attribute(file.get(), "a", "Türkiye → Ελλάδα 🇪🇺"));
}

TEST_F(Hdf5HelpersTest, FailuresAreOneLineErrorsNamingTheCall) {
  try {
    open_file(path_ + ".missing", false);
    FAIL() << "no exception";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(message.rfind("opening the file", 0), 0u) << message;
  }
}

TEST_F(Hdf5HelpersTest, MemoryFileImageIsAnHdf5File) {
  {
    Handle file = create_memory_file(path_);
    write_text_attribute(file.get(), "a", "in memory");
    const std::string image = file_image(file.get());
    EXPECT_FALSE(fs::exists(path_));
    std::ofstream(path_, std::ios::binary) << image;
  }
  EXPECT_TRUE(is_hdf5_file(path_));
  Handle file = open_file(path_, false);
  EXPECT_EQ(read_text_attribute(file.get(), "a"), "in memory");
}

TEST_F(Hdf5HelpersTest, NumbersKeepTheirShape) {
  Handle file = create_file(path_);
  Handle dataset = write_numbers(file.get(), "x", {2, 3}, {1, 2, 3, 4, 5, 6}, true);
  EXPECT_EQ(dataset_shape(dataset.get()), (Shape{2, 3}));
  EXPECT_EQ(read_numbers(dataset.get()), (std::vector<double>{1, 2, 3, 4, 5, 6}));
  EXPECT_THROW(write_numbers(file.get(), "y", {2, 3}, {1, 2}, true), Error);
  Handle empty = write_numbers(file.get(), "z", {0, 3}, {}, true);
  EXPECT_EQ(dataset_shape(empty.get()), (Shape{0, 3}));
}

TEST_F(Hdf5HelpersTest, LinksCanBeDeleted) {
  Handle file = create_file(path_);
  write_numbers(file.get(), "x", {1}, {1}, false);
  ASSERT_TRUE(has_link(file.get(), "x"));
  delete_link(file.get(), "x");
  EXPECT_FALSE(has_link(file.get(), "x"));
  EXPECT_THROW(delete_link(file.get(), "x"), Error);
}

}  // namespace
}  // namespace migdip::hdf5
