// The thin HDF5 layer: chunk shapes, text checks, attribute replacement, error messages.

#include "io_hdf5/hdf5_helpers.h"

#include <gtest/gtest.h>

#include <cerrno>

#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <cstdlib>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
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
  File file = create_file(path_);
  {
    H5::DataSet counts = create_preallocated(file, "counts", {3}, StoredType::kUInt32, 7);
    std::uint32_t values[3] = {};
    read_block(counts, {0}, {3}, StoredType::kUInt32, values);
    EXPECT_EQ(values[0], 7u);
    EXPECT_EQ(values[2], 7u);
  }
  // A NaN, a negative, a fraction or a value too large for the type is refused, never cast:
  // converting them would be undefined behaviour.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(create_preallocated(file, "a", {3}, StoredType::kUInt8, nan), Error);
  EXPECT_THROW(create_preallocated(file, "b", {3}, StoredType::kUInt8, 256), Error);
  EXPECT_THROW(create_preallocated(file, "c", {3}, StoredType::kUInt32, -1), Error);
  EXPECT_THROW(create_preallocated(file, "d", {3}, StoredType::kUInt64, 0.5), Error);
  EXPECT_THROW(create_preallocated(file, "e", {3}, StoredType::kUInt64, 0x1p64), Error);
  H5::DataSet real = create_preallocated(file, "f", {2}, StoredType::kFloat64, nan);
  double values[2] = {};
  read_block(real, {0}, {2}, StoredType::kFloat64, values);
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
  File file = create_file(path_);
  write_text_attribute(file, "a", "first");
  write_text_attribute(file, "a", "second");
  write_number_attribute(file, "b", 2.5);
  EXPECT_EQ(read_text_attribute(file, "a"), "second");
  EXPECT_EQ(read_number_attribute(file, "b"), 2.5);
  EXPECT_EQ(attribute_kind(file, "a"), ValueKind::kText);
  EXPECT_EQ(attribute_kind(file, "b"), ValueKind::kNumber);
  EXPECT_EQ(read_text_attribute(file, "missing"), std::nullopt);
  EXPECT_THROW(read_text_attribute(file, "b"), Error);
}

TEST_F(Hdf5HelpersTest, MembersAndAttributesComeBackInCreationOrder) {
  File file = create_file(path_);
  for (const char* name : {"zeta", "alpha", "mu"}) {
    write_text_attribute(file, name, name);
    create_group(file, name);
  }
  EXPECT_EQ(attribute_names(file), (std::vector<std::string>{"zeta", "alpha", "mu"}));
  EXPECT_EQ(member_names(file), (std::vector<std::string>{"zeta", "alpha", "mu"}));
}

TEST_F(Hdf5HelpersTest, TextThatCannotRoundTripIsRefused) {
  File file = create_file(path_);
  EXPECT_THROW(write_text_attribute(file, "a", "\xc3\x28"), Error);
  EXPECT_THROW(write_text_attribute(file, "a", "\xed\xa0\x80"), Error);  // surrogate
  EXPECT_THROW(write_text_attribute(file, "a", "\xe0\x80\xaf"), Error);  // overlong
  EXPECT_THROW(write_texts(file, "t", {"ok", std::string("a\0b", 3)}), Error);
  EXPECT_NO_THROW(write_text_attribute(file, "a", "Türkiye → Ελλάδα 🇪🇺"));
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

TEST_F(Hdf5HelpersTest, FailuresKeepHdf5sReasonAfterObjectsCloseWhileUnwinding) {
  File file = create_file(path_);
  const H5::DataSet counts = create_preallocated(file, "counts", {3}, StoredType::kUInt32, 0);
  const std::uint32_t value = 1;
  try {
    write_block(counts, {5}, {1}, StoredType::kUInt32, &value);  // outside the dataset
    FAIL() << "no exception";
  } catch (const Error& error) {
    const std::string message = error.what();
    // What failed, then HDF5's reason: the dataspaces of the write closed in between.
    EXPECT_EQ(message.rfind("writing a block: ", 0), 0u) << message;
    EXPECT_GT(message.size(), std::string("writing a block: ").size() + 10) << message;
  }
}

// Fills a file with metadata that reaches it only as it closes, where a file-size limit makes
// the close fail; exits with status 3 then (4 if it closed).
[[noreturn]] void close_beyond_the_file_size_limit(const std::string& path) {
  std::signal(SIGXFSZ, SIG_IGN);
  const rlimit limit{32 * 1024, 32 * 1024};  // writes beyond fail with EFBIG
  ::setrlimit(RLIMIT_FSIZE, &limit);
  File file = create_file(path);
  const std::string text(200, 'x');
  for (int i = 0; i < 300; ++i) {
    write_text_attribute(file, std::to_string(i), text);
  }
  try {
    file.close();
  } catch (const Error& error) {
    // The operating system's errno comes with it, for writers to report like their own writes.
    std::fprintf(stderr, "close failed (system error %s): %s\n",
                 error.system_error() == EFBIG ? "EFBIG" : "other", error.what());
    std::exit(3);
  }
  std::exit(4);
}

// HDF5 1.10 half destroys a file whose close failed; closing it again (H5::H5File's destructor,
// the C++ library's H5close at exit) crashes. The process ends with its own status instead.
TEST_F(Hdf5HelpersTest, AFileThatFailsToCloseIsClosedOnceAndTheProcessExitsNormally) {
  EXPECT_EXIT(close_beyond_the_file_size_limit(path_), ::testing::ExitedWithCode(3),
              "close failed \\(system error EFBIG\\): closing the file: .*File too large");
}

TEST_F(Hdf5HelpersTest, NumbersKeepTheirShape) {
  File file = create_file(path_);
  H5::DataSet dataset = write_numbers(file, "x", {2, 3}, {1, 2, 3, 4, 5, 6}, true);
  EXPECT_EQ(dataset_shape(dataset), (Shape{2, 3}));
  EXPECT_EQ(read_numbers(dataset), (std::vector<double>{1, 2, 3, 4, 5, 6}));
  EXPECT_THROW(write_numbers(file, "y", {2, 3}, {1, 2}, true), Error);
  H5::DataSet empty = write_numbers(file, "z", {0, 3}, {}, true);
  EXPECT_EQ(dataset_shape(empty), (Shape{0, 3}));
}

// Found by fuzz_results_reader and fuzz_sweep_reader: damaged dataset headers claimed about
// 10^12 texts, and reading them reserved tens of terabytes (std::bad_alloc, or an abort under
// AddressSanitizer).
TEST_F(Hdf5HelpersTest, DatasetsClaimingMoreThanTheirFileHoldsAreRefusedBeforeAllocating) {
  File file = create_file(path_);
  const hsize_t claimed = hsize_t{1} << 40;
  const hsize_t chunk = 1024;
  H5::DSetCreatPropList layout;
  layout.setChunk(1, &chunk);
  // Chunks never written take no storage, as a damaged extent has none behind it.
  const H5::DataSet numbers = file.root().createDataSet("numbers", H5::PredType::IEEE_F64LE,
                                                        H5::DataSpace(1, &claimed), layout);
  const H5::DataSet texts =
      file.root().createDataSet("texts", utf8_text(), H5::DataSpace(1, &claimed), layout);
  EXPECT_THROW(read_numbers(numbers), Error);
  EXPECT_THROW(read_texts(texts), Error);
  // Data that deflate shrinks to almost nothing is still read.
  const std::vector<double> zeros(1'000'000, 0.0);
  const H5::DataSet compressed = write_numbers(file, "zeros", {zeros.size()}, zeros, true);
  EXPECT_EQ(read_numbers(compressed), zeros);
}

TEST_F(Hdf5HelpersTest, LinksCanBeDeleted) {
  File file = create_file(path_);
  write_numbers(file, "x", {1}, {1}, false);
  ASSERT_TRUE(has_link(file, "x"));
  delete_link(file, "x");
  EXPECT_FALSE(has_link(file, "x"));
  EXPECT_THROW(delete_link(file, "x"), Error);
}

}  // namespace
}  // namespace migdip::hdf5
