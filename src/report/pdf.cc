// DOCX → PDF with LibreOffice headless.
//
// Each conversion runs in its own temporary directory with a private
// LibreOffice profile (-env:UserInstallation), so concurrent conversions and
// a user's own LibreOffice never share state, and with a time limit after
// which the whole process group is killed. The official fonts named in the
// DOCX do not exist on Debian; a generated fonts.conf maps them to Debian's
// CJK fonts (see kFontsConf) so the PDF embeds real CJK glyphs:
//   方正小标宋简体, 宋体, 仿宋_GB2312 → Noto Serif CJK SC (fonts-noto-cjk)
//   黑体                              → Noto Sans CJK SC, then WenQuanYi Micro Hei
//   楷体_GB2312                       → AR PL UKai CN (fonts-arphic-ukai)
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "report/report_internal.h"

namespace minyi {
namespace {

constexpr const char* kFontsConf = R"(<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family><family>AR PL UMing CN</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family><family>WenQuanYi Micro Hei</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>Noto Sans CJK SC</family><family>WenQuanYi Micro Hei</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
)";

std::string FindProgram(const std::string& name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string cand = dirs.substr(start, end - start) + "/" + name;
    if (end > start && access(cand.c_str(), X_OK) == 0) return cand;
    start = end + 1;
  }
  return "";
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/minyi-pdf-XXXXXX";
    if (mkdtemp(tmpl)) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs argv with env in its own process group; kills the group on timeout.
Status RunWithTimeout(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                      const std::string& log_file, int timeout_seconds) {
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_t pid = fork();
  if (pid < 0) return Internal("无法启动 LibreOffice 进程");
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    setpgid(0, 0);
    int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int null_fd = open("/dev/null", O_RDONLY);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    if (null_fd >= 0) dup2(null_fd, 0);
    execve(args[0], args.data(), envp.data());
    _exit(127);
  }
  setpgid(pid, pid);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  int status = 0;
  while (true) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0) return Internal("等待 LibreOffice 进程失败");
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      return ResourceExhausted("PDF 转换超时（" + std::to_string(timeout_seconds) + " 秒），已终止 LibreOffice");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // soffice.bin may leave helpers in the group; end them too.
  kill(-pid, SIGKILL);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Internal("LibreOffice 转换失败（退出码 " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                    "）");
  }
  return Status::Ok();
}

}  // namespace

bool PdfConverterAvailable(const PdfOptions& options) { return !FindProgram(options.soffice).empty(); }

Result<std::string> ConvertDocxToPdf(std::string_view docx, const PdfOptions& options) {
  std::string soffice = FindProgram(options.soffice);
  if (soffice.empty()) {
    return Unavailable(
        "未安装 LibreOffice，无法生成 PDF。请安装 libreoffice-writer-nogui（Debian 软件包），或下载 DOCX 后在 Word/WPS "
        "中另存为 PDF");
  }
  TempDir dir;
  if (dir.path().empty()) return IoError("无法创建临时目录");
  LocalFileSystem fs;
  std::string in = dir.path() + "/report.docx";
  MINYI_RETURN_IF_ERROR(fs.WriteFileAtomic(in, docx));
  MINYI_RETURN_IF_ERROR(fs.WriteFileAtomic(dir.path() + "/fonts.conf", kFontsConf));
  std::string home = dir.path() + "/home";
  MINYI_RETURN_IF_ERROR(fs.CreateDirectories(home));
  const char* path = std::getenv("PATH");
  std::vector<std::string> env = {"HOME=" + home, "PATH=" + std::string(path ? path : "/usr/bin:/bin"),
                                  "FONTCONFIG_FILE=" + dir.path() + "/fonts.conf", "LANG=C.UTF-8",
                                  "SAL_USE_VCLPLUGIN=svp"};
  std::vector<std::string> argv = {soffice,
                                   "-env:UserInstallation=file://" + dir.path() + "/profile",
                                   "--headless",
                                   "--norestore",
                                   "--nolockcheck",
                                   "--nodefault",
                                   "--convert-to",
                                   "pdf:writer_pdf_Export",
                                   "--outdir",
                                   dir.path(),
                                   in};
  MINYI_RETURN_IF_ERROR(RunWithTimeout(argv, env, dir.path() + "/soffice.log", options.timeout_seconds));
  auto pdf = fs.ReadFile(dir.path() + "/report.pdf", 256u << 20);
  if (!pdf.ok()) {
    auto log = fs.ReadFile(dir.path() + "/soffice.log", 4096);
    return Internal("LibreOffice 未生成 PDF" + (log.ok() && !log->empty() ? "：" + *log : std::string()));
  }
  return pdf;
}

Result<std::string> WritePdf(const ReportDraft& draft, const PdfOptions& options) {
  MINYI_ASSIGN_OR_RETURN(std::string docx, WriteDocx(draft, DocxFlavor::kLibreOffice));
  return ConvertDocxToPdf(docx, options);
}

}  // namespace minyi
