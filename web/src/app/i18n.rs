//! Every word the app shows, in Chinese (first) and English. Keys are an
//! enum defined together with both texts, so a missing translation cannot
//! compile, and a test checks none is blank.

use crate::engine::credit::Decision;
use crate::engine::pricing::{ConsideredReason, StepKind};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Kept as the variant's name, `"Zh"` or `"En"` (as sessions always were).
impl super::stored::WriteJson for Lang {
    fn write(&self, out: &mut String) {
        out.push_str(if self.is_en() { "\"En\"" } else { "\"Zh\"" });
    }
}

impl super::stored::Stored for Lang {
    fn read(j: &crate::engine::json::Json) -> Option<Self> {
        match j {
            crate::engine::json::Json::String(s) if s == "Zh" => Some(Lang::Zh),
            crate::engine::json::Json::String(s) if s == "En" => Some(Lang::En),
            _ => None,
        }
    }
}

impl Lang {
    pub fn is_en(self) -> bool {
        self == Lang::En
    }

    /// Chinese unless the browser prefers English (`navigator.language`).
    pub fn from_browser_language(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        if self.is_en() {
            en
        } else {
            zh
        }
    }

    pub fn t(self, key: Key) -> &'static str {
        let (zh, en) = key.pair();
        self.pick(zh, en)
    }
}

macro_rules! keys {
    ($($(#[$only:meta])* $key:ident => $zh:expr, $en:expr;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($(#[$only])* $key),* }

        impl Key {
            pub const ALL: &'static [Key] = &[$($(#[$only])* Key::$key),*];

            pub fn pair(self) -> (&'static str, &'static str) {
                match self { $($(#[$only])* Key::$key => ($zh, $en)),* }
            }
        }
    };
}

keys! {
    AppTitle => "渠道订单计算器", "Channel order calculator";
    AppTagline => "提交前算清楚：付多少、为什么、返利多少、信用是否通过、能赚多少", "Know before you submit: what you pay and why, your rebate, your credit check, your margin";
    DemoBadge => "演示数据", "Demo data";
    DemoNotice => "当前使用内置演示政策和演示伙伴账户，数据仅供体验。可打开您自己的政策和账户文件。", "You are using the built-in demo policy and demo partner accounts. Open your own policy and account files to quote for real.";
    Policy => "价格政策", "Price policy";
    Version => "版本", "Version";
    Hash => "哈希", "Hash";
    Partner => "伙伴", "Partner";
    Level => "等级", "Level";
    Language => "语言", "Language";
    SwitchToOther => "English", "中文";
    OpenPolicy => "打开价格政策文件", "Open a policy file";
    OpenFilesHint => "可一次选择多个 JSON 文件：按内容自动识别为价格政策、伙伴账户、订单或经营测算。", "Pick several JSON files at once: each is recognised as a policy, an account, an order or a business plan by its content.";
    OpenAccount => "伙伴账户文件", "an account file";
    OpenOrder => "订单文件", "an order file";
    DropHint => "也可以把 JSON 文件拖放到这里", "or drop JSON files here";
    LoadFailed => "文件未加载，仍在使用之前的数据", "File not loaded; the data in use stays active";
    LoadedFrom => "来源", "Source";
    SourceDemo => "内置演示", "built-in demo";
    Dismiss => "关闭", "Dismiss";
    OrderSection => "订单", "Order";
    AddProduct => "添加产品", "Add a product";
    SearchPlaceholder => "按 SKU、中英文名称或类别搜索", "Search by SKU, Chinese or English name, or category";
    NoMatches => "没有匹配的产品", "No matching product";
    OrderDate => "订单日期", "Order date";
    DealRegistration => "项目报备编号", "Deal registration id";
    UseRebateCredit => "使用返利抵扣", "Rebate credit to use";
    Available => "可用", "available";
    MarginInputs => "利润测算参数", "Margin inputs";
    CustomerPaymentDays => "客户付款天数", "Customer payment days";
    CostOfCapital => "资金成本（年化 %）", "Cost of capital (% a year)";
    Freight => "运费", "Freight";
    OtherCosts => "其他成本", "Other costs";
    Sku => "SKU", "SKU";
    Product => "产品", "Product";
    Qty => "数量", "Qty";
    ResalePrice => "转售单价", "Resale price";
    MarkupPct => "加价率 %", "Markup %";
    SpecialPrice => "特价", "Special price";
    Approval => "审批号", "Approval code";
    Remove => "删除", "Remove";
    RemoveLine => "删除此行", "Remove this line";
    EmptyOrder => "订单还是空的：在上方搜索并添加产品。", "The order is empty: search for a product above and add it.";
    ClearOrder => "清空订单", "Clear order";
    MultipleOf => "订购倍数", "Sold in multiples of";
    QtyWhole => "请输入 1 到 1000000 之间的整数", "Enter a whole number from 1 to 1000000";
    ResultsSection => "报价", "Quote";
    NoQuoteYet => "添加产品并填写有效数量后，这里会实时显示报价。", "Add products with valid quantities and the quote appears here, live.";
    StaleQuote => "输入有误，下方仍显示上一次有效的报价。", "Some input needs fixing; the last valid quote is shown below.";
    ListPrice => "目录价", "List price";
    NetUnit => "净单价", "Net unit price";
    NetAmount => "不含税金额", "Net amount";
    Tax => "税额", "Tax";
    Gross => "含税金额", "Gross amount";
    Free => "赠品", "Free";
    ShowWaterfall => "价格明细", "Price steps";
    HideWaterfall => "收起明细", "Hide steps";
    StepStart => "目录价", "List price";
    Saved => "节省", "Saved";
    Raised => "上调", "Raised";
    Considered => "未采用的促销", "Promotions that did not apply";
    FloorApplied => "已按最低限价执行", "Floor price applied";
    Totals => "合计", "Totals";
    ListAmount => "目录价合计", "List total";
    DiscountAmount => "折扣合计", "Total discount";
    NetTotal => "不含税合计", "Net total";
    TaxTotal => "税额合计", "Tax total";
    GrossTotal => "含税合计", "Gross total";
    RebateCreditUsed => "返利抵扣", "Rebate credit used";
    Payable => "应付金额", "Payable";
    Rebates => "返利", "Rebates";
    NoRebates => "此订单日期没有您参与的返利计划。", "No rebate program you are enrolled in covers this order date.";
    Basis => "本单计入", "This order counts";
    Attainment => "达成率", "Attainment";
    BeforeAfter => "下单前 → 下单后", "before → after";
    RebateBefore => "下单前返利", "Rebate before";
    RebateAfter => "下单后返利", "Rebate after";
    Impact => "本单带来的返利", "Rebate from this order";
    TopTier => "已达到最高档位", "Top tier reached";
    QtyRange => "请输入 1 到 1000000 之间的整数", "enter a whole number from 1 to 1000000";
    ApprovalNeeded => "特价必须填写厂商的审批号", "a special price needs the vendor's approval code";
    DateInvalid => "请选择有效的日期（YYYY-MM-DD）", "choose a real date (YYYY-MM-DD)";
    DaysRange => "请输入 0 到 36500 之间的整数天数", "enter a whole number of days from 0 to 36500";
    PercentRange => "请输入 0 到 100 之间的百分比，最多 4 位小数", "enter a percentage from 0 to 100 with at most 4 decimals";
    NeedsLine => "订单至少需要一行", "an order needs at least one line";
    Unreadable => "无法读取：{error}", "could not be read: {error}";
    RebateNudge => "再采购 {amount} 的{scope}产品即可达到 {attainment}，多得返利 {gain}。", "Buy {amount} more of {scope} to reach {attainment} and earn {gain} more.";
    And => "和", " and ";
    AllProducts => "任意", "any product";
    LiveSummary => "{payable_label} {payable}；{credit_label}：{decision}", "{payable_label} {payable}; {credit_label}: {decision}";
    LineMarginText => "第 {line} 行 · {sku}：{margin}（{pct}）", "Line {line} · {sku}: {margin} ({pct})";
    Credit => "信用检查", "Credit check";
    EffectiveLimit => "有效额度", "Effective limit";
    AvailableBefore => "下单前可用", "Available before";
    AvailableAfter => "下单后可用", "Available after";
    Utilization => "额度使用率", "Utilization";
    RequiredPrepayment => "需预付金额", "Required prepayment";
    Reasons => "原因", "Reasons";
    Margin => "利润", "Margin";
    MarginNeedsResale => "填写每行的转售单价（或加价率）即可看到利润。", "Fill in a resale price (or markup) on every line to see your margin.";
    Revenue => "销售收入（不含税）", "Revenue (ex VAT)";
    PurchaseCost => "进货成本（不含税）", "Purchase cost (ex VAT)";
    FrontMargin => "前端毛利", "Front margin";
    BackMargin => "后端返利", "Back margin (rebates)";
    FinancingCost => "资金占用成本", "Financing cost";
    NetMargin => "净利润", "Net margin";
    NetMarginPct => "净利润率", "Net margin %";
    LineMargin => "分行利润", "Margin per line";
    BelowCost => "低于成本", "Below cost";
    Warnings => "提示", "Notices";
    DecisionApproved => "通过", "Approved";
    DecisionWarning => "通过（预警）", "Approved with warning";
    DecisionPrepayment => "需预付", "Prepayment required";
    DecisionBlocked => "已冻结", "Blocked";
    TermDaysRange => "天数须为 0 到 3650 的整数", "days must be a whole number from 0 to 3650";
    OrderPromotions => "满减 · 满折 · 满赠（凑单）", "Order promotions (spend more, save more)";
    OpAmountOff => "满减", "Spend and save";
    OpPercentOff => "满折", "Spend and get % off";
    OpAmountOffEvery => "每满减", "Off every step";
    OpGift => "满赠", "Spend and get a gift";
    OpApplied => "已享受", "applied";
    OpWeaker => "同组有更优惠的", "a better one of its group applied";
    OpBelowThreshold => "未达门槛", "below its threshold";
    OpNoQualifyingLines => "没有可参与的商品", "no qualifying line";
    OpLevelNotEligible => "您的等级不参与", "not open to your level";
    OpOutsideDates => "不在活动期内", "outside its dates";
    OpSubtotal => "参与金额", "qualifying";
    OpNudgeDiscount => "再买 {more} 即可减 {gives}", "Buy {more} more to get {gives} off";
    OpNudgeGift => "再买 {more} 即可获赠 {qty} × {gift}", "Buy {more} more to get {qty} × {gift} free";
    Payment => "付款方式", "Payment";
    PaymentLegend => "付款与信用", "Payment and credit";
    PaymentOption => "付款方式", "Payment option";
    PolicyTerms => "按政策账期（{n} 天）", "The policy's terms ({n} days)";
    ExpectedDays => "预计付款天数", "Days until you pay";
    CreditOverrideCode => "信用审批码", "Credit override code";
    PaymentNoEffect => "不影响价格", "no effect on price";
    PaymentCashDiscount => "现款折扣", "cash discount";
    PaymentUplift => "账期上浮", "terms uplift";
    PaymentEffect => "价格影响", "Effect on price";
    DueDate => "到期日", "Due date";
    CollectionDays => "回款天数", "Paid after";
    DaysN => "{n} 天", "{n} days";
    DaysUnit => "天", "days";
    LineShare => "本行分摊", "this line's share";
    TierAmountOff => "满 {min} 减 {off}", "{off} off from {min}";
    TierPercentOff => "满 {min} 享 {pct} 折扣", "{pct} off from {min}";
    TierEvery => "每满 {every} 减 {off}", "{off} off every {every}";
    TierCap => "（封顶 {cap}）", " (up to {cap})";
    TierGift => "满 {min} 赠 {qty} 件", "{qty} free from {min}";
    QuotationOrderPromotions => "其中：满减/满折优惠", "of which order promotions";
    QuotationPaymentAdjustment => "付款方式调整", "Payment terms adjustment";
    ModeChain => "渠道链", "Channel chain";
    #[cfg(feature = "chain")]
    ChainIntro => "一笔终端销售在厂商、一级分销和代理商之间怎么分：厂商政策和分销商账户用上方已打开的，分销商政策和代理商账户在这里打开；代理商的订单就是正在编辑的订单（每行需要终端售价）。", "How one end-customer sale splits between the vendor, the distributor and the reseller: the vendor's policy and the distributor's account are those opened above; open the distributor's policy and its resellers' accounts here; the reseller's order is the order being edited (each line needs a resale price).";
    #[cfg(feature = "chain")]
    ChainDistributorAccount => "一级分销商（厂商的伙伴）", "Distributor (the vendor's partner)";
    #[cfg(feature = "chain")]
    ChainDistributorPolicy => "分销商的代理商政策", "The distributor's reseller policy";
    #[cfg(feature = "chain")]
    ChainResellerAccount => "代理商", "Reseller";
    #[cfg(feature = "chain")]
    ChainOpenFiles => "打开分销商政策 / 代理商账户", "Open the distributor's policy / reseller accounts";
    #[cfg(feature = "chain")]
    ChainCustomer => "终端客户金额", "End customer pays";
    #[cfg(feature = "chain")]
    ChainVendor => "厂商", "Vendor";
    #[cfg(feature = "chain")]
    ChainDistributor => "一级分销", "Distributor";
    #[cfg(feature = "chain")]
    ChainReseller => "代理商", "Reseller";
    #[cfg(feature = "chain")]
    ChainSplit => "分配", "Split";
    #[cfg(feature = "chain")]
    ChainVendorNet => "厂商净收入（扣返利）", "Vendor net revenue (after rebates)";
    #[cfg(feature = "chain")]
    ChainDistributorMargin => "分销商利润（差价 + 返利收 − 返利付）", "Distributor margin (spread + rebates earned − paid)";
    #[cfg(feature = "chain")]
    ChainResellerMargin => "代理商利润（含返利）", "Reseller margin (with rebates)";
    #[cfg(feature = "chain")]
    ChainResellerNet => "代理商净利润（扣自身成本）", "Reseller net margin (after its own costs)";
    #[cfg(feature = "chain")]
    ChainSharesWords => "厂商 {vendor} · 分销商 {distributor} · 代理商 {reseller}", "vendor {vendor} · distributor {distributor} · reseller {reseller}";
    #[cfg(feature = "chain")]
    ChainRebatesWords => "分销商差价 {spread}，从厂商获返利 {earned}，付给代理商返利 {paid}", "Distributor spread {spread}, rebates earned from the vendor {earned}, paid to the reseller {paid}";
    #[cfg(feature = "chain")]
    ChainInverted => "价格倒挂", "inverted price (价格倒挂)";
    #[cfg(feature = "chain")]
    ChainResellerLoss => "代理商亏本", "reseller below cost";
    PayoutFull => "{days} 天回款：{program} 全额兑现", "Paid in {days} days: {program} pays in full";
    PayoutPartial => "{days} 天回款：{program} 按 {pct} 兑现，少得 {lost}", "Paid in {days} days: {program} pays {pct}, {lost} less";
    RebateCreditLines => "返利抵扣分摊", "Rebate credit by line";
    RebateCreditShare => "返利抵扣", "Rebate credit";
    PayableAmount => "应付", "Payable";
    EffectiveUnitCost => "抵扣后单位成本", "Unit cost after credit";
    PrepaidNote => "预付订单不占用信用额度", "A prepaid order uses no credit";
    OverrideUsed => "已凭信用审批码 {code} 放行", "Let through with credit override {code}";
    OverrideNeeded => "填写信用经理的审批码可放行此订单", "A credit manager's override code lets this order through";
    GroupPool => "集团额度 {id}：额度 {limit}，可用 {before} → {after}", "Group pool {id}: limit {limit}, available {before} → {after}";
    GroupBinds => "集团额度更紧，以集团额度为准", "The group pool binds: it has less left than your own limit";
    PartnerBinds => "以您自己的信用额度为准", "Your own limit binds";
    DecisionOverride => "审批放行", "Approved with override";
    DecisionPrepaid => "预付（不占额度）", "Prepaid (no credit used)";
    KindLevel => "等级折扣", "Level discount";
    KindVolume => "批量折扣", "Volume discount";
    KindPromotion => "促销", "Promotion";
    KindDealRegistration => "项目报备", "Deal registration";
    KindOrderDiscount => "整单折扣", "Order discount";
    KindFloor => "最低限价", "Floor price";
    KindSpecialPrice => "特价审批", "Special price";
    KindFreeGoods => "赠品促销", "Free goods";
    KindOrderPromotion => "满减/满折", "Order promotion";
    KindOrderGift => "满赠", "Spend-and-get gift";
    KindPaymentTerms => "付款方式调整", "Payment terms";
    ReasonWeaker => "有更优惠的促销", "a better promotion won";
    ReasonNotLower => "不会降低价格", "would not lower the price";
    ReasonBelowMinQty => "未达到起订数量", "quantity below its minimum";
    ReasonLevelNotEligible => "您的等级不适用", "not offered at your level";
    ReasonOutsideDates => "不在活动期内", "outside its dates";
    ReasonExclusiveSpecialPrice => "特价不参与", "special price excluded";
    ReasonExclusivePromotion => "不折上折", "no discount on a promoted price";
    ReasonExclusiveFreeGoods => "已享买赠，不参与", "free goods already earned";
    ReasonExclusiveOrderDiscount => "已享整单折扣，不参与", "order discount already taken";
    ReasonBelowThreshold => "未达门槛", "below its threshold";
    DraftRestored => "已恢复上次未完成的订单草稿。", "Your unfinished order draft was restored.";
    DraftCorrupt => "保存的草稿已损坏，无法恢复，已重新开始。", "The saved draft was damaged and could not be restored; starting afresh.";
    DraftOtherVersion => "保存的草稿来自其他版本的应用，无法恢复。", "The saved draft is from another version of the app and was not restored.";
    DraftOtherPolicy => "保存的草稿属于另一份价格政策，未恢复。请先打开该政策文件。", "The saved draft belongs to a different price policy and was not restored. Open that policy first.";
    StorageUnavailable => "浏览器不允许保存草稿，刷新后订单将丢失。", "This browser does not allow saving the draft; a reload will lose the order.";
    Fetching => "正在下载", "Downloading";
    PrintQuote => "打印报价单", "Print quotation";
    BackToOrder => "返回订单", "Back to the order";
    SubmitOnQuotation => "核对报价单并提交订单", "Review the quotation and submit";
    DownloadOrder => "下载订单 JSON（供厂商复核）", "Download order JSON (for the vendor to re-check)";
    Step => "步骤", "Step";
    Rule => "规则", "Rule";
    UnitAfter => "调整后单价", "Unit price after";
    Line => "行", "Line";
    Lines => "行", "lines";
    ModeNav => "功能", "Mode";
    ModeOrder => "订单报价", "Order quote";
    ModePlan => "经营测算", "Business plan";
    OpenPlan => "经营测算文件", "a business plan file";
    PrintPlan => "打印经营测算", "Print plan";
    #[cfg(feature = "studio")]
    DownloadPlan => "下载经营测算 JSON", "Download plan JSON";
    #[cfg(feature = "studio")]
    PlanIntro => "按厂商的真实价格政策，逐期报价，比较伙伴在各个等级下的经营结果。打开 channel-plan/1 文件即可测算您自己的计划。", "Each period is quoted under the vendor's real price policy, at every level, to compare what the partner earns. Open a channel-plan/1 file to plan your own business.";
    #[cfg(feature = "studio")]
    PlanDoesNotFit => "此经营测算与当前价格政策不符，无法计算。请打开相符的政策或测算文件：", "This plan does not fit the policy in use and cannot be computed. Open a matching policy or plan file:";
    #[cfg(feature = "studio")]
    PlanLevels => "各等级对比", "Levels side by side";
    #[cfg(feature = "studio")]
    PlanLevelsCaption => "整个测算期的经营结果，每列一个等级", "Results over the whole plan, one column per level";
    #[cfg(feature = "studio")]
    PlanFigure => "项目", "Figure";
    #[cfg(feature = "studio")]
    PlanTotalRevenue => "总收入（含服务）", "Total revenue (incl. services)";
    #[cfg(feature = "studio")]
    PlanPurchase => "向厂商采购", "Purchases from the vendor";
    #[cfg(feature = "studio")]
    PlanServicesMargin => "服务毛利", "Services margin";
    #[cfg(feature = "studio")]
    PlanMdf => "市场发展基金（MDF）", "Market development funds (MDF)";
    #[cfg(feature = "studio")]
    PlanContribution => "贡献利润", "Contribution";
    #[cfg(feature = "studio")]
    PlanFixedCosts => "固定成本", "Fixed costs";
    #[cfg(feature = "studio")]
    PlanNetProfit => "净利润", "Net profit";
    #[cfg(feature = "studio")]
    PlanNetProfitPct => "净利润率", "Net profit %";
    #[cfg(feature = "studio")]
    PlanProfitPerVendorYuan => "厂商每赚 ¥1，伙伴留存", "For every ¥1 the vendor earns, the partner keeps";
    #[cfg(feature = "studio")]
    PlanBreakEven => "盈亏平衡收入", "Break-even revenue";
    #[cfg(feature = "studio")]
    PlanRevenuePerStaff => "人均收入", "Revenue per staff";
    #[cfg(feature = "studio")]
    PlanMoves => "换一个等级值多少", "What a change of level is worth";
    #[cfg(feature = "studio")]
    PlanMoveGain => "从{from}到{to}，本测算期内多赚 {amount}", "Moving from {from} to {to} is worth {amount} over this plan";
    #[cfg(feature = "studio")]
    PlanMoveLoss => "从{from}到{to}，本测算期内少赚 {amount}", "Moving from {from} to {to} costs {amount} over this plan";
    #[cfg(feature = "studio")]
    PlanMoveSame => "从{from}到{to}，净利润不变", "Moving from {from} to {to} leaves net profit unchanged";
    #[cfg(feature = "studio")]
    PlanPeriods => "分期明细", "Period by period";
    #[cfg(feature = "studio")]
    PlanPeriodsLevel => "显示等级", "Level shown";
    #[cfg(feature = "studio")]
    PlanPeriodsCaption => "{level}：每期的采购、收入、贡献利润，以及返利下一档还差多少", "{level}: each period's purchases, revenue and contribution, and what each rebate's next tier needs";
    #[cfg(feature = "studio")]
    PlanPeriod => "期间", "Period";
    #[cfg(feature = "studio")]
    PlanCharts => "图表", "Charts";
    #[cfg(feature = "studio")]
    PlanPresent => "演示模式", "Presentation mode";
    #[cfg(feature = "studio")]
    PlanPresentEnd => "退出演示", "End presentation";
    #[cfg(feature = "studio")]
    PlanHighlight => "突出显示等级", "Highlight level";
    #[cfg(feature = "studio")]
    PlanHighlightNone => "不突出", "None";
    #[cfg(feature = "studio")]
    PlanChartStep => "项目", "Item";
    #[cfg(feature = "studio")]
    PlanChartMdf => "市场基金", "MDF";
    #[cfg(feature = "studio")]
    PlanChartFinancing => "资金成本", "Financing";
    #[cfg(feature = "studio")]
    PlanChartAmount => "金额", "Amount";
    #[cfg(feature = "studio")]
    PlanChartRunning => "累计", "Running total";
    #[cfg(feature = "studio")]
    PlanChartShowTable => "查看图表数据", "Show the chart's numbers";
    #[cfg(feature = "studio")]
    PlanChartStackTitle => "{level}：利润构成", "{level}: where the profit comes from";
    #[cfg(feature = "studio")]
    PlanChartStackSummary => "{level}：前端毛利 {front}，加后端返利 {back}、服务毛利 {services}、市场基金 {mdf}，减资金成本 {financing}、固定成本 {fixed}，净利润 {net}。", "{level}: front margin {front}, plus back margin {back}, services margin {services} and MDF {mdf}, minus financing {financing} and fixed costs {fixed}, gives net profit {net}.";
    #[cfg(feature = "studio")]
    PlanChartPeriodsTitle => "{level}：每期采购、贡献利润与累计净利润", "{level}: purchases, contribution and net profit by period";
    #[cfg(feature = "studio")]
    PlanChartPeriodsSummary => "{level}：{count} 期共采购 {purchase}，贡献利润 {contribution}；累计贡献利润超过固定成本 {fixed} 之后即为净利润，期末净利润 {net}。", "{level}: {count} periods, purchases {purchase}, contribution {contribution}; once the running contribution passes the fixed costs of {fixed} the plan makes a net profit, {net} at the end.";
    #[cfg(feature = "studio")]
    PlanChartCumulative => "累计贡献利润", "Running contribution";
    #[cfg(feature = "studio")]
    PlanChartGain => "增加利润（+）", "Adds to profit (+)";
    #[cfg(feature = "studio")]
    PlanChartCost => "减少利润（−）", "Takes from profit (−)";
    #[cfg(feature = "studio")]
    PlanChartFixedLine => "固定成本 {fixed}", "Fixed costs {fixed}";
    #[cfg(feature = "studio")]
    PlanChartAttainmentTitle => "{level}：返利达成率与档位", "{level}: rebate attainment against the tiers";
    #[cfg(feature = "studio")]
    PlanChartAttainmentSummary => "{level}：最后一期后的达成率为 {closing}。虚线是各档位门槛。", "{level}: after the last period, attainment is {closing}. Dashed lines are the tier thresholds.";
    ListSeparator => "，", ", ";
    #[cfg(feature = "studio")]
    PlanNextTiers => "返利进度", "Rebate progress";
    PlanPeriodRebate => "{name}（{attainment}）：{nudge}", "{name} ({attainment}): {nudge}";
    #[cfg(feature = "studio")]
    PlanNoRebates => "本期不在任何返利计划内。", "No rebate program covers this period.";
    PlanCorrupt => "保存的经营测算已损坏，已改用演示测算。", "The saved business plan was damaged; the demo plan is shown instead.";
    // Plan entry (plan_entry.rs).
    #[cfg(feature = "studio")]
    PlanEntry => "编辑测算", "Edit the plan";
    #[cfg(feature = "studio")]
    PlanTitleLabel => "测算标题", "Plan title";
    #[cfg(feature = "studio")]
    PlanPartnerLabel => "伙伴名称", "Partner name";
    #[cfg(feature = "studio")]
    PlanCompareLevels => "比较的等级", "Levels to compare";
    #[cfg(feature = "studio")]
    PlanTargets => "返利目标（留空则该计划不计返利）", "Rebate targets (blank: the program pays nothing)";
    #[cfg(feature = "studio")]
    PlanTarget => "目标金额", "Target";
    #[cfg(feature = "studio")]
    PlanPeriodToDate => "测算前本期已采购", "Bought this period before the plan";
    #[cfg(feature = "studio")]
    PlanStaff => "人员数", "Staff";
    #[cfg(feature = "studio")]
    PlanCostPerStaff => "每人成本（整个测算期）", "Cost per staff (whole plan)";
    #[cfg(feature = "studio")]
    PlanOtherFixed => "其他固定成本", "Other fixed costs";
    #[cfg(feature = "studio")]
    PlanPeriodLabel => "期间名称", "Period label";
    #[cfg(feature = "studio")]
    PlanServicesRevenue => "服务收入", "Services revenue";
    #[cfg(feature = "studio")]
    PlanServicesCost => "服务成本", "Services cost";
    #[cfg(feature = "studio")]
    PlanAddPeriod => "添加期间", "Add a period";
    #[cfg(feature = "studio")]
    PlanRemovePeriod => "删除此期", "Remove this period";
    #[cfg(feature = "studio")]
    PlanCopyPeriod => "复制为下一期", "Copy as the next period";
    #[cfg(feature = "studio")]
    PlanPresetQuarters => "今年按季度", "This year by quarter";
    #[cfg(feature = "studio")]
    PlanPresetMonths => "未来 6 个月", "Next 6 months";
    #[cfg(feature = "studio")]
    PlanFromOrder => "用当前订单新建一期", "New period from the current order";
    #[cfg(feature = "studio")]
    PlanQuickFills => "快速填充", "Quick fills";
    #[cfg(feature = "studio")]
    PlanGrowth => "增长率 %", "Growth %";
    #[cfg(feature = "studio")]
    PlanApplyGrowthAll => "应用到所有期间", "Apply to all periods";
    #[cfg(feature = "studio")]
    PlanApplyGrowthOne => "按增长率调整本期", "Scale this period by the growth %";
    #[cfg(feature = "studio")]
    PlanCategory => "类别", "Category";
    #[cfg(feature = "studio")]
    PlanCategoryQty => "该类别每行数量", "Quantity for each line of the category";
    #[cfg(feature = "studio")]
    PlanSetCategoryQty => "设置类别数量", "Set the category's quantity";
    #[cfg(feature = "studio")]
    PlanMarkupCategory => "按加价率定转售价的类别", "Category to price by markup";
    #[cfg(feature = "studio")]
    PlanMarkupLabel => "加价率 %（基于第一个对比等级的净采购价）", "Markup % on the first compared level's net purchase price";
    #[cfg(feature = "studio")]
    PlanApplyMarkup => "设置该类别各期转售价", "Set the category's resale prices in every period";
    #[cfg(feature = "studio")]
    PlanMarkupRange => "请输入 0 到 1000 之间的加价率", "enter a markup from 0 to 1000 %";
    #[cfg(feature = "studio")]
    PlanOpenInOrder => "在订单报价中打开", "Open in the order calculator";
    #[cfg(feature = "studio")]
    PlanStale => "以下为上次有效的结果；请先修正标记的输入。", "Showing the last valid results: fix the marked inputs first.";
    #[cfg(feature = "studio")]
    PlanNeedsLevel => "至少选择一个等级", "choose at least one level";
    #[cfg(feature = "studio")]
    PlanResaleNeeded => "测算需要零售价", "a plan needs the resale price";
    #[cfg(feature = "studio")]
    PlanNeedsPeriod => "测算至少需要一期", "a plan needs at least one period";
    #[cfg(feature = "studio")]
    PlanTooManyPeriods => "最多 24 期", "at most 24 periods";
    #[cfg(feature = "studio")]
    StaffRange => "请输入 0 到 100000 之间的整数", "enter a whole number from 0 to 100000";
    // --- scenarios (issue 8) ---
    Scenarios => "方案对比", "Scenarios";
    ScenarioName => "方案 {letter}", "Scenario {letter}";
    ScenarioDuplicate => "复制为新方案", "Duplicate as scenario";
    ScenarioEdit => "编辑", "Edit";
    ScenarioEditing => "正在编辑", "Editing";
    ScenarioRemove => "删除方案 {letter}", "Remove scenario {letter}";
    ScenarioRename => "方案名称", "Scenario name";
    ScenariosFull => "最多可比较 4 个方案；请先删除一个。", "At most 4 scenarios can be compared: remove one first.";
    ScenarioBaseline => "基准", "baseline";
    ScenarioMetric => "指标", "Measure";
    ScenarioRebateImpact => "返利增量：{program}", "Rebate impact: {program}";
    ScenarioAttainmentAfter => "下单后达成率：{program}", "Attainment after: {program}";
    ScenarioCredit => "信用结果", "Credit decision";
    ScenarioPrepayment => "需预付", "Required prepayment";
    ScenarioNoQuote => "尚无报价", "no quote yet";
    ScenarioStale => "（待修正）", "(needs fixing)";
    DiffSame => "与基准相同", "same as baseline";
    DiffMorePay => "多付 {amount}", "{amount} more to pay";
    DiffLessPay => "少付 {amount}", "{amount} less to pay";
    DiffMore => "多 {amount}", "{amount} more";
    DiffLess => "少 {amount}", "{amount} less";
    DiffPointsUp => "高 {points} 个百分点", "{points} points higher";
    DiffPointsDown => "低 {points} 个百分点", "{points} points lower";
    DiffCreditBetter => "信用结果更好", "better credit decision";
    DiffCreditWorse => "信用结果更差", "worse credit decision";
    WhatIfLevel => "假如等级为…", "What if my level were…";
    WhatIfOwn => "本身等级（{level}）", "Own level ({level})";
    WhatIfNotice => "模拟：按“{level}”等级测算，仅供参考，不能提交。", "Simulation: priced at level “{level}” for comparison only; it cannot be submitted.";
    WhatIfBadge => "模拟", "Simulation";
    NudgeScenario => "生成达标方案", "Create the scenario that reaches it";
    NudgeProduct => "补充产品", "Product to add";
    NudgeNotPossible => "无法用该产品达到下一档位。", "That product cannot reach the next tier.";
    NudgeTooLarge => "需要的数量超过单行上限 1,000,000。", "The quantity needed exceeds the line limit of 1,000,000.";
    // --- end scenarios ---
    // --- submit (issue 8) ---
    SubmitOrder => "提交订单", "Submit order";
    DownloadRequest => "下载订单请求", "Download order request";
    SubmitConfirmTitle => "确认提交订单", "Confirm the order";
    SubmitConfirmIntro => "将把此订单（请求号 {id}）发送至：{url}", "This order (request {id}) will be sent to: {url}";
    SubmitNote => "备注（可选，最多 500 字）", "Note (optional, up to 500 characters)";
    SubmitSend => "确认提交", "Submit now";
    SubmitCancel => "取消", "Cancel";
    SubmitSending => "正在提交…", "Submitting…";
    SubmitRetry => "重试（同一请求号）", "Retry (same request id)";
    SubmitDraftKept => "订单和请求均已保留，可重试或下载请求文件。", "The order and the request are kept: retry, or download the request file.";
    SubmitNetworkError => "无法连接供应商（{error}）。", "Could not reach the vendor ({error}).";
    SubmitTimeout => "供应商在 {seconds} 秒内没有响应。", "The vendor did not answer within {seconds} seconds.";
    SubmitHttpError => "供应商拒绝了请求（HTTP {status}）。", "The vendor refused the request (HTTP {status}).";
    SubmitRequestId => "请求号：{id}", "Request id: {id}";
    SubmitDifferences => "与供应商计算不一致之处：{paths}", "Where the vendor's figures differ: {paths}";
    SubmitAccountChanges => "因账户变动而不同之处：{paths}", "What the vendor's current account changes: {paths}";
    SubmitNeedsQuote => "需先得到有效报价（修正标记的输入）。", "A current quote is needed first (fix the marked inputs).";
    SubmitSimulation => "这是等级模拟方案，不能提交。", "This scenario simulates another level: it cannot be submitted.";
    SubmitDownloadOnly => "此政策未设置提交地址：请下载订单请求并发送给供应商。", "This policy has no submission address: download the order request and send it to the vendor.";
    SubmitOnClick => "只有点击“确认提交”时才会发送，且只发送到政策指定的地址。", "Nothing is sent until you click “Submit now”, and only to the policy's address.";
    VerdictAccepted => "供应商已接受此订单。", "The vendor accepted the order.";
    VerdictAccountChanged => "供应商已收到，但账户自报价后有变动，请核对。", "Received, but the vendor's account has changed since you quoted: please check.";
    VerdictRejected => "供应商拒绝：报价与供应商计算不一致。", "Rejected: the quote differs from the vendor's calculation.";
    VerdictOther => "供应商已回复：", "The vendor answered:";
    // --- end submit ---
    // --- quotation (issue 8) ---
    QuotationTitle => "报价单", "Quotation";
    QuotationNumber => "报价单号", "Quotation no.";
    QuotationDate => "报价日期", "Date";
    QuotationValidUntil => "有效期至 {date}", "Valid until {date}";
    QuotationVendor => "供方", "Vendor";
    QuotationBuyer => "需方", "Buyer";
    QuotationPolicyId => "政策编号", "Policy id";
    QuotationPartnerName => "名称", "Name";
    QuotationPartnerId => "伙伴编号", "Partner id";
    QuotationSimulatedLevel => "{level}（模拟等级；实际等级：{actual}）", "{level} (simulated; actual level: {actual})";
    QuotationNo => "序号", "No.";
    QuotationUnit => "单位", "Unit";
    QuotationDiscounts => "折扣说明", "Discounts";
    QuotationNoDiscount => "无折扣（目录价）", "No discount (list price)";
    QuotationAmountInWords => "大写金额", "Amount in words (Chinese capitals)";
    QuotationCapitalsCnyOnly => "大写金额仅用于人民币（CNY）金额", "Chinese capitals are written for CNY amounts only";
    QuotationSignVendor => "供方（签字盖章）", "Vendor (signature and stamp)";
    QuotationSignBuyer => "需方（签字盖章）", "Buyer (signature and stamp)";
    QuotationSignDate => "日期", "Date";
    QuotationFooter => "本报价单按价格政策“{policy}”（版本 {version}）计算，有效期至 {date}，以供方最终确认为准。", "Prices computed under the price policy “{policy}” (version {version}), valid until {date}, subject to the vendor's final confirmation.";
    QuotationEnd => "报价单 {number} · 共 {count} 行 · 完", "Quotation {number} · lines: {count} · end";
    QuotationExportCsv => "导出 CSV", "Export CSV";
    // --- end quotation ---
    // --- saved quotes & share link (issue 8) ---
    SavedSection => "保存的报价", "Saved quotes";
    SavedCount => "保存的报价（{count}）", "Saved quotes ({count})";
    SavedSave => "保存报价", "Save quote";
    SavedNameLabel => "报价名称", "Quote name";
    SavedNeedsQuote => "请先得到一个有效报价，再保存。", "Get a valid quote first, then save it.";
    SavedDone => "已保存“{name}”。", "Saved “{name}”.";
    SavedStorageFailed => "未能保存：浏览器存储已满或不可用。已保存的报价保持不变。", "Not saved: the browser's storage is full or unavailable. Your saved quotes are unchanged.";
    SavedSkipped => "有 {count} 条保存的报价已损坏，已跳过；其余可正常使用。", "{count} damaged saved quote(s) skipped; the others are fine.";
    SavedUnreadable => "保存的报价列表无法读取（已损坏或来自其他版本的应用），已另存备份；新的保存将开始一个新列表。", "The saved quotes could not be read (damaged, or from another version of the app); they were set aside, and new saves start a new list.";
    SavedEmpty => "还没有保存的报价。", "No saved quotes yet.";
    SavedOpen => "打开", "Open";
    SavedRename => "重命名", "Rename";
    SavedRenameConfirm => "确定", "OK";
    SavedCancel => "取消", "Cancel";
    SavedDuplicate => "复制", "Duplicate";
    SavedDelete => "删除", "Delete";
    SavedCopyName => "{name}（副本）", "{name} (copy)";
    SavedDeleted => "已删除“{name}”。", "Deleted “{name}”.";
    SavedUndo => "撤销", "Undo";
    SavedOpened => "已打开“{name}”，为方案 {letter}。", "Opened “{name}” as scenario {letter}.";
    SavedReplaced => "最多 {max} 个方案：已用“{name}”替换方案 {letter}。", "At most {max} scenarios: “{name}” replaced scenario {letter}.";
    SavedPartnerSwitched => "已切换到保存时的伙伴 {partner}。", "Switched to the partner it was saved for, {partner}.";
    SavedPartnerMissing => "保存时的伙伴 {partner} 不在当前账户中，仍按当前伙伴 {current} 报价。", "The partner it was saved for, {partner}, is not among the accounts: quoted for the current partner, {current}.";
    SavedOtherPolicy => "用其他政策版本保存", "Saved under another policy version";
    SavedOtherPolicyOpened => "该报价用其他政策版本（{version}）保存，已按当前政策重新报价，价格可能不同。", "This quote was saved under another policy version ({version}) and was quoted again under the policy in use: prices may differ.";
    SavedPolicyVersion => "政策版本", "Policy version";
    SavedAt => "保存时间", "Saved at";
    ShareMake => "分享链接", "Share link";
    ShareCopied => "链接已复制到剪贴板。链接只包含订单，不含价格政策和伙伴账户。", "Link copied to the clipboard. It carries the order only, not the policy or the partner's account.";
    ShareCopyByHand => "无法自动复制，请手动复制下面的链接。链接只包含订单，不含价格政策和伙伴账户。", "Could not copy automatically: copy the link below by hand. It carries the order only, not the policy or the partner's account.";
    ShareLinkLabel => "分享链接（{count} 个字符）", "Share link ({count} characters)";
    ShareFailed => "无法生成链接：此浏览器不支持所需的压缩功能。", "Could not make the link: this browser lacks the compression it needs.";
    ShareNeedsLines => "订单为空，没有可分享的内容。", "The order is empty: nothing to share.";
    ShareName => "分享的订单", "Shared order";
    ShareImported => "已从分享链接打开订单，为方案 {letter}。", "Opened the order from the shared link as scenario {letter}.";
    ShareOtherPolicy => "链接来自政策 {id} 版本 {version}，当前使用 {current}；价格可能不同。", "The link comes from policy {id} version {version}; the policy in use is {current}. Prices may differ.";
    ShareOpenPolicy => "打开对应的政策文件…", "Open the matching policy file…";
    SharePolicyNowMatches => "现在使用的政策与链接一致。", "The policy in use now matches the link.";
    ShareBad => "分享链接无法读取（不完整或已被修改）；当前内容未作任何更改。", "The shared link could not be read (incomplete or altered); nothing was changed.";
    // --- end saved quotes & share link ---
}

/// The usual category ids in words; a policy's own ids pass through as
/// they are (categories carry no names in `channel-policy/1`).
/// A template key with its `{name}` placeholders filled.
pub fn fill(key: Key, lang: Lang, values: &[(&str, &str)]) -> String {
    let mut out = lang.t(key).to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

pub fn category_name(id: &str, lang: Lang) -> String {
    let (zh, en) = match id {
        "software" => ("软件", "software"),
        "cloud" => ("云服务", "cloud"),
        "hardware" => ("硬件", "hardware"),
        "services" => ("服务", "services"),
        "training" => ("培训", "training"),
        other => (other, other),
    };
    lang.pick(zh, en).to_string()
}

pub fn step_kind(kind: StepKind) -> Key {
    match kind {
        StepKind::Level => Key::KindLevel,
        StepKind::Volume => Key::KindVolume,
        StepKind::Promotion => Key::KindPromotion,
        StepKind::DealRegistration => Key::KindDealRegistration,
        StepKind::OrderDiscount => Key::KindOrderDiscount,
        StepKind::Floor => Key::KindFloor,
        StepKind::SpecialPrice => Key::KindSpecialPrice,
        StepKind::FreeGoods => Key::KindFreeGoods,
        StepKind::OrderPromotion => Key::KindOrderPromotion,
        StepKind::OrderGift => Key::KindOrderGift,
        StepKind::PaymentTerms => Key::KindPaymentTerms,
    }
}

pub fn considered_reason(reason: ConsideredReason) -> Key {
    match reason {
        ConsideredReason::Weaker => Key::ReasonWeaker,
        ConsideredReason::NotLower => Key::ReasonNotLower,
        ConsideredReason::BelowMinQty => Key::ReasonBelowMinQty,
        ConsideredReason::LevelNotEligible => Key::ReasonLevelNotEligible,
        ConsideredReason::OutsideDates => Key::ReasonOutsideDates,
        ConsideredReason::ExclusiveSpecialPrice => Key::ReasonExclusiveSpecialPrice,
        ConsideredReason::ExclusivePromotion => Key::ReasonExclusivePromotion,
        ConsideredReason::ExclusiveFreeGoods => Key::ReasonExclusiveFreeGoods,
        ConsideredReason::ExclusiveOrderDiscount => Key::ReasonExclusiveOrderDiscount,
        ConsideredReason::BelowThreshold => Key::ReasonBelowThreshold,
    }
}

pub fn decision(d: Decision) -> Key {
    match d {
        Decision::Approved => Key::DecisionApproved,
        Decision::ApprovedWithWarning => Key::DecisionWarning,
        Decision::PrepaymentRequired => Key::DecisionPrepayment,
        Decision::Blocked => Key::DecisionBlocked,
        Decision::ApprovedWithOverride => Key::DecisionOverride,
        Decision::Prepaid => Key::DecisionPrepaid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_every_placeholder() {
        assert_eq!(
            fill(
                Key::LineMarginText,
                Lang::En,
                &[
                    ("line", "2"),
                    ("sku", "A"),
                    ("margin", "¥1.00"),
                    ("pct", "5.00 %")
                ]
            ),
            "Line 2 · A: ¥1.00 (5.00 %)"
        );
        for key in Key::ALL {
            let (zh, en) = key.pair();
            assert_eq!(zh.matches('{').count(), en.matches('{').count(), "{key:?}");
        }
    }

    #[test]
    fn every_key_has_both_languages() {
        for key in Key::ALL {
            let (zh, en) = key.pair();
            assert!(!zh.trim().is_empty(), "{key:?} has no Chinese");
            assert!(!en.trim().is_empty(), "{key:?} has no English");
        }
    }

    #[test]
    fn chinese_texts_are_chinese() {
        // Only placeholders and punctuation: the words come from other keys.
        let ascii_ok = [
            Key::Sku,
            Key::SwitchToOther,
            Key::LiveSummary,
            Key::PlanPeriodRebate,
            Key::ListSeparator,
        ];
        for key in Key::ALL.iter().filter(|k| !ascii_ok.contains(k)) {
            let (zh, _) = key.pair();
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{key:?}: {zh}"
            );
        }
    }

    #[test]
    fn browser_language_picks_english_only_when_preferred() {
        assert_eq!(Lang::from_browser_language("en-US"), Lang::En);
        assert_eq!(Lang::from_browser_language("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_browser_language("fr"), Lang::Zh);
    }
}
