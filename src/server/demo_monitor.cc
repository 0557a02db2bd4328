// Demo records for the monitor: three topics (方案) about 清河县 and about
// sixty hand-written items (news, forum posts, hotline complaints), ingested
// through the real pipeline so copies, events and the dashboard show.
#include "monitor/pipeline.h"
#include "monitor/topics.h"
#include "server/demo_internal.h"

namespace minyi {
namespace {

struct DemoItem {
  int hours_ago;
  const char* outlet;
  const char* site;
  const char* kind;
  const char* title;
  const char* text;
};

const char* kJinxiu =
    "清河县城东新区锦绣花园小区多名居民反映，入冬供暖以来室内温度一直在十二到十四度之间，老人孩子只能穿着棉衣在家。"
    "居民多次拨打县热力公司电话，对方称管网末端压力不足正在调试，但一周过去仍不见好转。";
const char* kRenmin =
    "11月20日傍晚，清河县人民路与建设街交叉口东侧路面突然塌陷，形成一个约两米宽的坑洞，一辆电动车险些陷入。"
    "现场已被围挡，交警在路口疏导交通。据了解，塌陷处地下为老旧排水管道，县住建局已安排抢修。";
const char* kCanteen =
    "近日，市教育局公布学校食堂示范单位名单，清河县第二中学食堂榜上有名。该校食堂实行明厨亮灶、家长陪餐制度，"
    "每周公布菜谱和食材来源，学生满意度连续三年超过95%。";

const DemoItem kItems[] = {
    // 供暖：锦绣花园暖气不热 (spreads across outlets)
    {140, "清河论坛", "bbs.qinghe.example.cn", "forum", "锦绣花园暖气不热，谁来管管？", kJinxiu},
    {138, "清河生活圈", "life.qinghe.example.cn", "forum", "转：锦绣花园暖气不热", kJinxiu},
    {130, "12345 热线", "12345.qinghe.example.cn", "complaint", "锦绣花园小区供暖温度不达标",
     "我是城东新区锦绣花园7号楼住户，家里暖气片摸着是凉的，室温只有十三度，热力公司一直推脱，请督促解决。"},
    {126, "12345 热线", "12345.qinghe.example.cn", "complaint", "城东新区暖气不热投诉",
     "锦绣花园和相邻的幸福里小区暖气都不热，已经投诉过三次了，热力公司还是说在调试，太让人失望了。"},
    {120, "清河新闻网", "news.qinghe.example.cn", "news", "记者走访：锦绣花园供暖为何不热",
     "记者走访清河县城东新区锦绣花园小区，多户居民室温不足十五度。县热力公司技术人员表示，新区管网末端压力不足，"
     "已调来加压泵，预计三天内完成改造。县住建局要求热力公司每日报告进展。"},
    {118, "清河头条", "toutiao.qinghe.example.cn", "news", "锦绣花园供暖为何不热？记者走访",
     "记者走访清河县城东新区锦绣花园小区，多户居民室温不足十五度。县热力公司技术人员表示，新区管网末端压力不足，"
     "已调来加压泵，预计三天内完成改造。县住建局要求热力公司每日报告进展。"},
    {100, "清河论坛", "bbs.qinghe.example.cn", "forum", "锦绣花园暖气还是不热",
     "热力公司说三天修好，今天第四天了，锦绣花园暖气还是不热，孩子都冻感冒了，到底什么时候能解决？"},
    {80, "清河县人民政府网", "www.qinghe.example.cn", "news", "县住建局通报城东新区供暖整改进展",
     "县住建局通报，城东新区锦绣花园等小区供暖管网加压改造已完成，经入户抽测，室温均达到十八度以上。"
     "热力公司将对受影响住户按规定减免部分供暖费用。"},
    {78, "清河新闻网", "news.qinghe.example.cn", "news", "城东新区供暖恢复正常 居民点赞",
     "城东新区锦绣花园小区供暖管网改造完成后，室温明显回升，不少居民在社区群里为热力公司维修人员点赞。"},
    {76, "清河生活圈", "life.qinghe.example.cn", "forum", "锦绣花园暖气终于热了",
     "锦绣花园暖气终于热了，家里二十度，感谢热力公司的师傅们连夜加班，这次处理得还算及时。"},
    // 道路：人民路路面塌陷
    {70, "清河头条", "toutiao.qinghe.example.cn", "news", "人民路突发路面塌陷 交警现场疏导", kRenmin},
    {69, "清河新闻网", "news.qinghe.example.cn", "news", "人民路建设街口路面塌陷", kRenmin},
    {68, "清河论坛", "bbs.qinghe.example.cn", "forum", "人民路塌了个大坑！", kRenmin},
    {66, "12345 热线", "12345.qinghe.example.cn", "complaint", "人民路塌陷处何时修好",
     "人民路建设街口路面塌陷后一直围挡，早晚高峰堵得厉害，希望尽快修好，另外其他老旧管道是否也有隐患？"},
    {60, "清河生活圈", "life.qinghe.example.cn", "forum", "人民路塌陷，绕行攻略",
     "人民路建设街口路面塌陷正在抢修，上班的朋友可以从光明街绕行，公交3路、5路临时改道。"},
    {50, "清河县人民政府网", "www.qinghe.example.cn", "news", "人民路塌陷路段抢修完成恢复通行",
     "经连续施工，人民路与建设街交叉口塌陷路段已完成排水管道更换和路面修复，于今日上午恢复通行。"
     "县住建局将对城区老旧排水管道开展全面排查。"},
    {48, "清河论坛", "bbs.qinghe.example.cn", "forum", "人民路修好了，效率不错",
     "早上路过人民路建设街口，塌陷的路面已经修好通车了，施工队效率不错，点个赞。"},
    // 学校：实验小学门口接送拥堵
    {44, "清河论坛", "bbs.qinghe.example.cn", "forum", "实验小学门口放学堵成一锅粥",
     "清河县实验小学门口每天放学时段接孩子的车辆乱停乱放，人行道都被占了，孩子过马路很危险，希望学校和交警管一管。"},
    {42, "12345 热线", "12345.qinghe.example.cn", "complaint", "实验小学周边交通拥堵",
     "实验小学放学时间校门口道路严重拥堵，家长车辆占道停放，学生安全存在隐患，请交警部门加强疏导。"},
    {40, "清河生活圈", "life.qinghe.example.cn", "forum", "实验小学接孩子太难了",
     "每天下午四点半实验小学门口就堵死了，接孩子要排半小时，校门口道路拥堵问题什么时候能解决？"},
    {30, "清河新闻网", "news.qinghe.example.cn", "news", "实验小学开辟临时停车区缓解接送拥堵",
     "针对实验小学门口放学时段道路拥堵问题，县交警大队与学校协商，在校园东侧空地开辟临时停车区，"
     "并安排民警和志愿者在放学时段疏导交通，家长普遍表示接送方便多了。"},
    {28, "清河头条", "toutiao.qinghe.example.cn", "news", "实验小学设临时停车区 接送拥堵缓解",
     "针对实验小学门口放学时段道路拥堵问题，县交警大队与学校协商，在校园东侧空地开辟临时停车区，"
     "并安排民警和志愿者在放学时段疏导交通，家长普遍表示接送方便多了。"},
    // 学校：第二中学食堂（正面）
    {60, "清河县教育局", "jyj.qinghe.example.cn", "news", "县第二中学食堂获评市级示范食堂", kCanteen},
    {58, "清河新闻网", "news.qinghe.example.cn", "news", "清河二中食堂获评示范食堂", kCanteen},
    {55, "清河生活圈", "life.qinghe.example.cn", "forum", "二中食堂确实不错",
     "孩子在清河县第二中学住校，食堂饭菜干净实惠，每周还能在家长群里看到菜谱，家长放心。"},
    // 其他单条信息
    {150, "清河新闻网", "news.qinghe.example.cn", "news", "清河县小米丰收 亩产创新高",
     "今年清河县谷子种植面积达三万亩，良种良法推广后平均亩产超过四百公斤，种植户收入明显增加。"},
    {145, "清河县人民政府网", "www.qinghe.example.cn", "news", "县政府召开冬季安全生产工作会议",
     "县政府召开冬季安全生产工作会议，部署燃气、消防、道路交通等重点领域安全隐患排查整治工作。"},
    {136, "清河论坛", "bbs.qinghe.example.cn", "forum", "县图书馆周末开放时间延长了",
     "县图书馆从本月起周末开放到晚上八点，自习区还增加了座位和充电插座，学生们很欢迎。"},
    {128, "清河头条", "toutiao.qinghe.example.cn", "news", "清河县举办第三届民俗文化节",
     "第三届清河民俗文化节在县文化广场开幕，剪纸、面塑、地方戏等非遗项目集中展示，吸引上万名群众参观。"},
    {124, "12345 热线", "12345.qinghe.example.cn", "complaint", "幸福路菜市场周边垃圾清运不及时",
     "幸福路菜市场周边垃圾桶经常满溢，气味很大，希望环卫部门增加清运次数。"},
    {115, "清河生活圈", "life.qinghe.example.cn", "forum", "新开的公交12路很方便",
     "新开通的公交12路连接高铁站和县医院，二十分钟一班，老人看病方便多了。"},
    {110, "清河新闻网", "news.qinghe.example.cn", "news", "县医院开通网上预约挂号",
     "清河县人民医院开通微信预约挂号服务，患者可提前七天预约专家号，现场排队时间大幅缩短。"},
    {105, "清河论坛", "bbs.qinghe.example.cn", "forum", "东关村的路灯坏了好久",
     "东关村村口到小学的那段路，路灯坏了快一个月了，晚上黑漆漆的，孩子上晚自习回家很不安全。"},
    {96, "清河县人民政府网", "www.qinghe.example.cn", "news", "清河县公开招聘教师120名",
     "清河县2026年公开招聘中小学教师120名，报名时间为12月1日至7日，具体岗位和条件见县人社局网站公告。"},
    {92, "清河头条", "toutiao.qinghe.example.cn", "news", "清河县新增两个城市口袋公园",
     "城北和城南两个口袋公园建成开放，配有健身器材和儿童游乐设施，周边居民有了休闲好去处。"},
    {88, "12345 热线", "12345.qinghe.example.cn", "complaint", "小区楼下烧烤店油烟扰民",
     "建设街阳光小区楼下烧烤店每晚营业到凌晨，油烟和噪音严重影响休息，多次沟通无果。"},
    {84, "清河生活圈", "life.qinghe.example.cn", "forum", "周末去清河湿地公园看候鸟",
     "清河湿地公园来了好多白鹭和灰鹤，周末带孩子去拍照，环境比前几年好太多了。"},
    {74, "清河新闻网", "news.qinghe.example.cn", "news", "清河县开展冬季消防安全检查",
     "县消防救援大队联合各乡镇对人员密集场所开展冬季消防安全检查，督促整改隐患四十余处。"},
    {64, "清河论坛", "bbs.qinghe.example.cn", "forum", "县城停车位太难找了",
     "县城老城区停车位越来越难找，周末去商业街转三圈都找不到车位，希望规划一些立体停车场。"},
    {56, "清河头条", "toutiao.qinghe.example.cn", "news", "清河农产品亮相省农博会",
     "清河小米、清河红薯等十余种特色农产品亮相省农业博览会，现场签约金额超过两千万元。"},
    {52, "12345 热线", "12345.qinghe.example.cn", "complaint", "自来水有异味",
     "城西翠苑小区近两天自来水有明显异味，烧开后仍然有，担心水质问题，请相关部门检测。"},
    {46, "清河县人民政府网", "www.qinghe.example.cn", "news", "县自来水公司回应城西水质问题",
     "县自来水公司回应，城西翠苑小区水质异味系二次供水水箱清洗后余氯偏高所致，经检测各项指标符合国家标准。"},
    {38, "清河生活圈", "life.qinghe.example.cn", "forum", "推荐一家老字号烧饼",
     "南关街那家老字号烧饼铺还是老味道，外酥里嫩，每天早上排长队。"},
    {34, "清河新闻网", "news.qinghe.example.cn", "news", "清河县养老服务中心投入使用",
     "清河县养老服务中心正式投入使用，设床位三百张，提供医养结合服务，首批入住老人对环境和服务表示满意。"},
    {26, "清河论坛", "bbs.qinghe.example.cn", "forum", "县体育馆游泳池什么时候开放",
     "听说县体育馆的游泳池装修好了，有没有人知道什么时候对外开放，收费标准是多少？"},
    {24, "12345 热线", "12345.qinghe.example.cn", "complaint", "快递驿站乱收费",
     "光明街某快递驿站取件要收一元保管费，快递员还不送货上门，请邮政管理部门查处。"},
    {20, "清河头条", "toutiao.qinghe.example.cn", "news", "清河县完成冬小麦播种",
     "全县冬小麦播种面积二十二万亩，播种质量较好，农技人员深入田间指导冬前管理。"},
    {16, "清河新闻网", "news.qinghe.example.cn", "news", "清河县举办就业招聘会",
     "县人社局举办冬季就业招聘会，八十余家企业提供岗位两千多个，现场达成就业意向五百余人。"},
    {12, "清河生活圈", "life.qinghe.example.cn", "forum", "清河县城第一场雪",
     "今早清河县城下了今年第一场雪，环卫工人凌晨就开始清扫主干道，出行的朋友注意防滑。"},
    {10, "清河论坛", "bbs.qinghe.example.cn", "forum", "雪后人行道结冰没人管",
     "雪后好几条街的人行道结冰了，早上已经看到有老人滑倒，希望尽快撒盐除冰，商户也该清扫门前雪。"},
    {8, "清河县人民政府网", "www.qinghe.example.cn", "news", "县城管局组织清雪除冰",
     "县城管局组织环卫工人和机械设备连夜清雪除冰，主次干道和人行道积雪已基本清理完毕。"},
    {6, "12345 热线", "12345.qinghe.example.cn", "complaint", "锦绣花园又有几户暖气不热",
     "锦绣花园12号楼顶层几户暖气又不太热了，室温十五度左右，麻烦热力公司再来看一下。"},
    {4, "清河新闻网", "news.qinghe.example.cn", "news", "清河县启动寒假托管服务报名",
     "县教育局发布通知，今年寒假继续为双职工家庭提供校内托管服务，即日起开始报名。"},
    {2, "清河头条", "toutiao.qinghe.example.cn", "news", "清河县发布寒潮蓝色预警",
     "县气象台发布寒潮蓝色预警，未来三天气温将下降八到十度，请注意防寒保暖和供暖设施安全。"},
};

Topic SchemeTopic(const char* name, std::vector<std::string> events, std::vector<std::string> excludes = {}) {
  Topic t;
  t.name = name;
  t.scheme.regions = {"清河县", "清河", "城东新区", "人民路"};
  t.scheme.events = std::move(events);
  t.scheme.excludes = std::move(excludes);
  return t;
}

}  // namespace

Status SeedMonitorDemo(DemoContext& demo) {
  Actor admin{demo.user_ids.count("admin") ? demo.user_ids["admin"] : 0, "系统管理员"};
  TopicRepo topics(demo.store->db(), *demo.clock);
  for (const Topic& t : {SchemeTopic("清河县·供暖", {"供暖", "暖气", "热力公司", "供热"}),
                         SchemeTopic("清河县·学校", {"学校", "中学", "小学", "食堂", "教师"}, {"招聘会"}),
                         SchemeTopic("清河县·道路", {"道路", "路面", "塌陷", "拥堵", "路灯"})}) {
    MINYI_RETURN_IF_ERROR(topics.Create(admin, t).status());
  }
  MINYI_ASSIGN_OR_RETURN(auto pipeline, Pipeline::Create(*demo.store, *demo.clock, PipelineOptions{}));
  int64_t now = demo.clock->Now();
  std::vector<RawItem> batch;
  int n = 0;
  for (const DemoItem& d : kItems) {
    RawItem r;
    r.outlet = d.outlet;
    r.site = d.site;
    r.kind = d.kind;
    r.title = d.title;
    r.text = d.text;
    r.url = std::string("https://") + d.site + "/demo/" + std::to_string(++n);
    r.published_at = now - static_cast<int64_t>(d.hours_ago) * 3600;
    r.fetched_at = r.published_at + 300;
    batch.push_back(std::move(r));
  }
  // Items arrive in time order, as they would from live sources.
  std::stable_sort(batch.begin(), batch.end(),
                   [](const RawItem& a, const RawItem& b) { return a.published_at < b.published_at; });
  MINYI_ASSIGN_OR_RETURN(IngestResult r, pipeline->Ingest(batch));
  if (!r.errors.empty()) return Internal("演示数据导入失败：" + r.errors.front());
  return Status::Ok();
}

}  // namespace minyi
