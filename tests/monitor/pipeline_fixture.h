// Shared by the pipeline/search/topics/events tests: a real SQLite store in
// a fresh temporary directory, a manual clock and a Pipeline on top.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "monitor/pipeline.h"
#include "store/store.h"

namespace minyi::testing {

inline constexpr int64_t kT0 = 1'795'000'000;  // 2026-11-18

inline RawItem MakeItem(std::string outlet, std::string title, std::string text, int64_t at, std::string url = "",
                        std::string kind = "news") {
  RawItem r;
  r.outlet = std::move(outlet);
  r.site = "example.cn";
  r.kind = std::move(kind);
  r.title = std::move(title);
  r.text = std::move(text);
  r.url = std::move(url);
  r.published_at = at;
  r.fetched_at = at;
  return r;
}

class PipelineFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/minyi-monitor-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    StoreOptions so;
    so.location = dir_;
    so.clock = &clock_;
    auto store = Store::Open(so);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    PipelineOptions po;
    po.analysis_threads = 2;
    auto p = Pipeline::Create(*store_, clock_, po);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(*p);
  }
  void TearDown() override {
    pipeline_.reset();
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  static RawItem Item(std::string outlet, std::string title, std::string text, int64_t at, std::string url = "",
                      std::string kind = "news") {
    return MakeItem(std::move(outlet), std::move(title), std::move(text), at, std::move(url), std::move(kind));
  }

  IngestResult MustIngest(const std::vector<RawItem>& items) {
    auto r = pipeline_->Ingest(items);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : IngestResult{};
  }

  int64_t Count(const std::string& sql) {
    auto n = store_->db().QueryInt(sql);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }

  ManualClock clock_{kT0 + 86400};
  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Pipeline> pipeline_;
};

}  // namespace minyi::testing
