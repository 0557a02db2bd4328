#include "cli/cli_util.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>

namespace minyi {

Result<std::unique_ptr<Store>> OpenStoreForCli(const std::string& data, const Clock& clock) {
  StoreOptions options;
  options.location = data;
  options.clock = &clock;
  return Store::Open(options);
}

Result<std::unique_ptr<DataDirLock>> DataDirLock::Acquire(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string path = dir + "/minyi.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) return IoError("无法创建锁文件 " + path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return FailedPrecondition("数据目录 " + dir + " 正被另一个 minyi 进程使用（请先停止服务）");
  }
  return std::unique_ptr<DataDirLock>(new DataDirLock(fd));
}

DataDirLock::~DataDirLock() { ::close(fd_); }

}  // namespace minyi
