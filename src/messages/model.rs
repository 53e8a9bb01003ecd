//! What checking the content says: unknown ids, bad values, periods, targets, tasks, pages; and
//! why a change in one region makes `build --watch` and `serve` rebuild the whole site.

crate::messages::catalogue! {
    // ------------------------------------------------------------------------- ids (slugs)
    /// An id that is not a slug; `{what}` is one of the `NOUN_…` entries.
    INVALID_ID: "`{id}` is not a valid {what} id" => "`{id}` 不是有效的{what} id";
    NOUN_CATEGORY: "category" => "分类";
    NOUN_SCOPE: "scope" => "范围";
    NOUN_INDICATOR: "indicator" => "指标";
    NOUN_PAGE: "page" => "页面";
    NOUN_THEME: "theme" => "主题";
    NOUN_REGION: "region" => "地区";
    NOUN_TASK: "task" => "任务";
    /// How to write an id, with the id the user meant made into one.
    SLUG_HINT_EXAMPLE: "ids use only lowercase letters a-z, digits and hyphens (they become web addresses); for example `{fixed}`"
        => "id 只能由小写字母 a-z、数字和连字符组成（id 会成为网址的一部分），例如 `{fixed}`";
    /// How to write an id, when no obvious one can be made of what the user wrote.
    SLUG_HINT: "ids use only lowercase letters a-z, digits and hyphens (they become web addresses), e.g. `level4-surgery-share`"
        => "id 只能由小写字母 a-z、数字和连字符组成（id 会成为网址的一部分），例如 `level4-surgery-share`";
    /// A hint on an id that is a folder's name.
    HINT_RENAME_FOLDER: "{hint} (rename the folder)" => "{hint}；请相应地重命名文件夹";
    /// A hint on an id that is a file's name.
    HINT_RENAME_FILE: "{hint} (rename the file)" => "{hint}；请相应地重命名文件";
    RESERVED_INDICATOR_ID: "`{id}` cannot be the id of an indicator" => "`{id}` 不能用作指标 id";
    RESERVED_INDICATOR_ID_HINT: "the site keeps the name `{id}` for its own pages in each region (reserved: {reserved}); rename the file"
        => "网站在每个地区下都用 `{id}` 这个名称放置自己的页面（保留的名称有 {reserved}），请重命名该文件";
    RESERVED_PAGE_NAME: "`{slug}` cannot be the name of a page" => "`{slug}` 不能用作页面名称";
    RESERVED_PAGE_NAME_HINT: "the site uses /{slug}/ itself; choose another file name"
        => "网站自身要使用 `/{slug}/`，请换一个文件名";

    // ---------------------------------------------------------------------- unknown references
    UNKNOWN_INDICATOR: "unknown indicator `{id}`" => "未知的指标 `{id}`";
    UNKNOWN_INDICATOR_HINT: "indicators are the files in content/indicators/ (the id is the file name without .yaml)"
        => "指标就是 `content/indicators/` 中的各个文件（指标 id 是去掉 `.yaml` 的文件名）";
    UNKNOWN_SCOPE: "unknown scope `{id}`" => "未知的范围 `{id}`";
    UNKNOWN_SCOPE_HINT: "scopes are listed in content/scopes.yaml" => "范围在 `content/scopes.yaml` 中列出";
    ALIAS_TAKEN: "the alias `{alias}` already names the indicator `{other}`" => "别名 `{alias}` 已是指标 `{other}` 的名称或别名";
    ALIAS_TAKEN_HINT: "an alias must name one indicator only, or an imported spreadsheet's column could not be matched: remove it here, or give a longer one"
        => "一个别名只能对应一个指标，否则导入表格时无法确定列对应哪个指标：请删去此别名，或改用更完整的写法";
    UNKNOWN_CATEGORY: "unknown category `{id}`" => "未知的分类 `{id}`";
    UNKNOWN_CATEGORY_HINT: "categories are listed in content/categories.yaml" => "分类在 `content/categories.yaml` 中列出";
    UNKNOWN_REGION: "unknown region `{id}`" => "未知的地区 `{id}`";
    UNKNOWN_REGION_HINT: "regions are the folders in content/regions/" => "地区就是 `content/regions/` 中的各个文件夹";
    UNKNOWN_UNIT: "unknown unit `{unit}`" => "未知的单位 `{unit}`";
    UNKNOWN_UNIT_HINT: "use one of {units} or write your own label as {{zh: ..., en: ...}}"
        => "请使用 {units} 中的一个，或者自己写出单位名称，写法为 `{{zh: ..., en: ...}}`";

    // ----------------------------------------------------------------------------- regions
    OWN_PARENT: "a region cannot be its own parent" => "地区不能是它自己的上级";
    OWN_PARENT_HINT: "remove `parent` or name the region above this one" => "请删除 `parent`，或者填写本地区的上级地区";
    PARENT_CYCLE: "the regions' parents form a cycle: {cycle}" => "地区的上级关系形成了循环：{cycle}";
    PARENT_CYCLE_HINT: "a region cannot be above itself; remove `parent` from the top-level region"
        => "地区不能直接或间接地成为自己的上级；请删除最上一级地区的 `parent`";
    NOT_A_WEB_ADDRESS: "`{url}` is not a web address" => "`{url}` 不是网址";
    NOT_A_WEB_ADDRESS_HINT: "write the full address, starting with https://" => "请写完整的网址，以 `https://` 开头";

    // ------------------------------------------------------------------------------ values
    NOT_A_YEAR: "`{year}` is not a year" => "`{year}` 不是年份";
    /// `{year}` is an example, the full year the user probably meant.
    FULL_YEAR_HINT: "write the full year, e.g. {year}" => "请写完整的四位年份，例如 {year}";
    NOT_FINITE: "the value is not a finite number" => "这个值不是有限的数字";
    NUMBER_EXPECTED: "expected a number, found `{found}`" => "应为数字，实际为 `{found}`";
    NUMBER_EXPECTED_HINT: "write the number only, without its unit or thousands separators (e.g. 85.2, not 85.2%)"
        => "只写数字，不带单位或千位分隔符（如 85.2，而不是 85.2%）";
    EXPECTED_NUMBER_FOUND_STATUS: "expected a number, found the status `{status}`" => "应为数字，实际为状态 `{status}`";
    EXPECTED_NUMBER_FOUND_STATUS_HINT: "`{id}` is quantitative: its values are numbers; statuses are for qualitative indicators"
        => "`{id}` 是定量指标，它的值是数字；状态只用于定性指标";
    EXPECTED_STATUS_FOUND_NUMBER: "expected a status, found the number {n}" => "应为状态，实际为数字 {n}";
    NOT_A_STATUS: "`{word}` is not a status" => "`{word}` 不是有效的状态";
    /// The statuses a qualitative indicator's values may take.
    STATUS_HINT: "`{id}` is qualitative: write done, in_progress or not_started"
        => "`{id}` 是定性指标，请写 `done`、`in_progress` 或 `not_started`";

    // ----------------------------------------------------------------------------- targets
    SECOND_TARGET: "a second target for `{indicator}` in the same year and scope (the first is targets[{first}])"
        => "指标 `{indicator}` 在同一年份和范围内有两个目标，第一个是 `targets[{first}]`";
    SECOND_TARGET_HINT: "if the plan states the same target twice, keep one; for a band use one target with `upper`"
        => "如果方案把同一目标写了两次，请只保留一个；区间目标请用一个带 `upper` 的目标表示";
    TARGET_EXPECTED_NUMBER_HINT: "`{id}` is a quantitative indicator; write the target number (without its unit), or leave `value` out for a target stated only in words"
        => "`{id}` 是定量指标，请写目标数值（不带单位）；只有文字表述的目标可以不写 `value`";
    EXPECTED_DONE_FOUND_NUMBER: "expected `done`, found the number {n}" => "应为 `done`，实际为数字 {n}";
    EXPECTED_DONE_FOUND_WORD: "expected `done`, found `{word}`" => "应为 `done`，实际为 `{word}`";
    EXPECTED_DONE_HINT: "`{id}` is a qualitative indicator: its target is `done`, or leave `value` out"
        => "`{id}` 是定性指标，目标只能写 `done`，也可以不写 `value`";
    ANNUAL_CHANGE_QUALITATIVE: "an {kind} target needs a quantitative indicator"
        => "`{kind}` 类目标只能用于定量指标";
    ANNUAL_CHANGE_QUALITATIVE_HINT: "use kind: level, or leave `kind` out" => "请改用 `kind: level`，或者不写 `kind`";
    ANNUAL_CHANGE_NO_VALUE: "an {kind} target needs a value" => "`{kind}` 类目标需要写 `value`";
    ANNUAL_CHANGE_NO_VALUE_HINT: "write the change per year in percent, e.g. `value: 20` for 每年提高20%"
        => "请写每年变化的百分数，例如“每年提高20%”写作 `value: 20`";
    ANNUAL_INCREASE_NO_VALUE_HINT: "write the change per year in the indicator's unit, e.g. `value: 5` for 每年至少新增5个"
        => "请写每年变化的数量（按指标的单位），例如“每年至少新增5个”写作 `value: 5`";
    RANK_NO_VALUE_HINT: "write the place, e.g. `value: 3` for 前三" => "请写名次，例如“前三”写作 `value: 3`";
    YEAR_AND_DUE: "a target has either a `year` or `due: horizon`, not both"
        => "目标的 `year` 与 `due: horizon` 只能二选一";
    YEAR_AND_DUE_HINT: "keep `year` where the plan names the year; `due: horizon` is for a target due at the end of the plan (力争通过5年努力, 逐步…达到)"
        => "方案写明年份的保留 `year`；`due: horizon` 用于到方案期末完成的目标（如“力争通过5年努力”“逐步……达到”）";
    DUE_WITHOUT_PLAN: "`due: horizon` needs the region's `plan:`" => "`due: horizon` 需要本地区有 `plan:`";
    DUE_WITHOUT_PLAN_HINT: "add the plan with its `horizon` (or `horizon: not_stated`), or give the target a `year`"
        => "请添加方案及其 `horizon`（方案未载明时写 `horizon: not_stated`），或为目标写 `year`";
    UPPER_LIMIT_WITHOUT_RANGE: "`upper_limit` goes with bound: range" => "`upper_limit` 只能与 `bound: range` 一起使用";
    UPPER_LIMIT_WITHOUT_RANGE_HINT: "give `upper` (and `bound: range`), or remove `upper_limit`"
        => "请写 `upper`（及 `bound: range`），或删去 `upper_limit`";
    BAD_RATIO: "`{found}` is not a ratio such as 1:2" => "`{found}` 不是形如 1:2 的比值";
    BAD_RATIO_HINT: "write a ratio as two positive numbers with a colon, `1:2` or `1∶2`; its value is the second over the first"
        => "比值写作用冒号隔开的两个正数，如 `1:2` 或 `1∶2`；其数值为后项除以前项";
    RANK_BOUND: "a rank target is a place from the top: `bound: {bound}` does not fit"
        => "名次目标表示从第一名起的位次，不能用 `bound: {bound}`";
    RANK_BOUND_HINT: "write 前三 as `kind: rank` and `value: 3`, without `bound`"
        => "“前三”写作 `kind: rank` 和 `value: 3`，不写 `bound`";
    HORIZON_OLD_FORM: "a horizon is written with its years and where the plan states them, not as `{found}`"
        => "实施期须写明起止年份及其在方案中的依据，不能只写 `{found}`";
    HORIZON_OLD_FORM_HINT: "write `horizon: {from: 2023, to: 2025, source: {zh: 到2025年, en: By 2025}}`, leaving out a year the plan does not state, or `horizon: not_stated`"
        => "请写 `horizon: {from: 2023, to: 2025, source: {zh: 到2025年, en: By 2025}}`，方案未载明的年份不写；方案完全未载明时写 `horizon: not_stated`";
    HORIZON_YEARS_OUT_OF_ORDER: "the horizon ends ({to}) before it starts ({from})" => "实施期的结束年份（{to}）早于开始年份（{from}）";
    RANGE_WITHOUT_UPPER: "a range target needs `upper`" => "区间目标需要写 `upper`";
    RANGE_WITHOUT_UPPER_HINT: "write `value: 30` and `upper: 35` for 30–35" => "例如 30–35 写作 `value: 30` 和 `upper: 35`";
    UPPER_WITHOUT_RANGE: "`upper` goes with bound: range, not bound: {bound}"
        => "`upper` 只能与 `bound: range` 一起使用，不能与 `bound: {bound}` 一起使用";
    UPPER_WITHOUT_RANGE_HINT: "remove `upper`, or write `bound: range`" => "请删除 `upper`，或者写 `bound: range`";
    UPPER_BELOW_VALUE: "`upper` ({upper}) must be greater than `value` ({value})"
        => "`upper` 的值 {upper} 必须大于 `value` 的值 {value}";
    UPPER_BELOW_VALUE_HINT: "a range from 30 to 35 is `value: 30` and `upper: 35`"
        => "30 到 35 的区间写作 `value: 30` 和 `upper: 35`";
    UPPER_WITHOUT_NUMBER: "`upper` needs a number in `value`" => "写了 `upper` 时，`value` 必须是数字";
    SCOPE_NOTE_WITHOUT_SCOPE: "`scope_note` remarks on the target's scope, but the target has no `scope`"
        => "`scope_note` 是对目标范围（口径）的说明，但该目标没有写 `scope`";
    SCOPE_NOTE_WITHOUT_SCOPE_HINT: "give the target its `scope`, or write the remark as `note`"
        => "请为目标写明 `scope`，或把这段说明写在 `note` 中";

    // ---------------------------------------------------------------------- periods and data
    NOT_A_PERIOD: "`{period}` is not a period" => "`{period}` 不是有效的期间";
    NOT_A_PERIOD_HINT: "write a year (2023), a quarter (2023Q2) or a month (2023-06)"
        => "请写年份、季度或月份，如 2023、2023Q2、2023-06";
    /// `{kind}` and `{frequency}` are `FREQUENCY_…` entries.
    PERIOD_FREQUENCY: "`{period}` is a {kind} period, but `{id}` is reported {frequency}"
        => "`{period}` 是{kind}期间，但指标 `{id}` 按{frequency}报告";
    PERIOD_FREQUENCY_HINT: "write the period as the indicator's frequency says, or change `frequency` in {file}"
        => "请按指标的报告频率写期间，或者修改 `{file}` 中的 `frequency`";
    FREQUENCY_YEARLY: "yearly" => "年度";
    FREQUENCY_QUARTERLY: "quarterly" => "季度";
    FREQUENCY_MONTHLY: "monthly" => "月度";
    SECOND_VALUE: "a second value for `{indicator}` in {period}" => "指标 `{indicator}` 在 {period} 有第二个值";
    SECOND_VALUE_IN_SCOPE: "a second value for `{indicator}` (scope `{scope}`) in {period}"
        => "指标 `{indicator}`（范围 `{scope}`）在 {period} 有第二个值";
    /// `{related}` is filled in when the report is shown.
    SECOND_VALUE_HINT: "the first is in {related}; keep one of them" => "第一个值在 {related}，请只保留其中一个";

    // ------------------------------------------------------------------------------- tasks
    TASK_ID_TWICE: "the task id `{id}` is used twice (first at entry {first})"
        => "任务 id `{id}` 用了两次，第一次在第 {first} 项";
    TASK_ID_TWICE_HINT: "each task needs its own id" => "每项任务都要有自己的 id";
    TASK_LEAD_AND_RESPONSIBLE: "the task `{id}` has both `lead` and `responsible`"
        => "任务 `{id}` 同时写了 `lead` 和 `responsible`";
    TASK_LEAD_AND_RESPONSIBLE_HINT: "use `lead` (and `partners`) when the plan names a lead unit (牵头单位), `responsible` when it lists the units jointly (责任单位……按职责分工负责); not both"
        => "方案写明牵头单位时用 `lead`（配合单位写在 `partners`），方案只列出责任单位、未分牵头和配合时（如“按职责分工负责”）用 `responsible`，二者不能同时使用";
    NOT_A_DEADLINE: "`{deadline}` is not a deadline" => "`{deadline}` 不是有效的完成时限";
    NOT_A_DEADLINE_HINT: "write a year (2025), a month (2023-12), a date (2023-12-31) or `ongoing`; put the plan's own words in deadline_text"
        => "请写年份（2025）、月份（2023-12）、日期（2023-12-31）或 `ongoing`；方案的原文表述请写在 `deadline_text` 中";

    // ------------------------------------------------------------------------------- dates
    NOT_A_DATE: "`{date}` is not a date" => "`{date}` 不是有效的日期";
    NOT_A_DATE_HINT: "write dates as year-month-day, e.g. 2024-06-30" => "日期请按“年-月-日”写，例如 2024-06-30";
    RELEASED_BEFORE_PERIOD_END: "`released: {date}` is not after the period {period} (it ends {end})"
        => "`released: {date}` 不晚于数据所属期 {period}（该期截至 {end}）";
    RELEASED_BEFORE_PERIOD_END_HINT: "`released` is the day the value was made public, after its period ended; check the date and the period"
        => "`released` 是该数值公开发布的日期，应在所属期结束之后；请核对日期和所属期";
    FRONT_MATTER_NOT_A_DATE: "`updated: {date}` is not a date" => "`updated: {date}` 不是有效的日期";
    FRONT_MATTER_NOT_A_DATE_HINT: "write dates as 2024-06-30" => "日期请写成 2024-06-30 这样的形式";

    // ---------------------------------------------------------------------- texts, languages
    TEXT_EMPTY: "`{path}` is empty" => "`{path}` 是空的";
    TEXT_EMPTY_HINT: "write the text, or leave the field out if it is optional"
        => "请填写文字；如果这个字段可以不填，也可以删除它";
    /// A text lacks one of the site's languages; `{language}` is a `LANGUAGE_…` entry.
    TEXT_MISSING_LANGUAGE: "`{path}` has no {language} text" => "`{path}` 缺少{language}文本";
    TEXT_MISSING_LANGUAGE_HINT: "add `{lang}: ...`; until then the site shows the {default} text marked as not yet translated"
        => "请添加 `{lang}: ...`；在此之前，网站显示{default}文本，并注明尚未翻译";
    LANGUAGE_ZH: "Chinese (zh)" => "中文（zh）";
    LANGUAGE_EN: "English (en)" => "英文（en）";
    /// Any other language, by its code.
    LANGUAGE_OTHER: "{code}" => " {code} 语言";
    UNKNOWN_LANGUAGE_IN_TEXT: "unknown language `{lang}` in `{path}`" => "`{path}` 中有未知的语言 `{lang}`";
    SITE_LANGUAGES_HINT: "the languages in site.yaml are {languages}" => "`site.yaml` 中设置的语言是 {languages}";
    UNKNOWN_LANGUAGE_IN_FILE_NAME: "unknown language `{lang}` in the file name" => "文件名中有未知的语言 `{lang}`";
    /// After "did you mean …?" on a commentary file's language.
    LANGUAGE_BEFORE_MD: "{suggestion} (the language code goes before .md)" => "{suggestion}语言代码写在 `.md` 之前";
    COMMENTARY_LANGUAGE_HINT: "the languages in site.yaml are {languages}; name the file `{stem}.{lang}.md`"
        => "`site.yaml` 中设置的语言是 {languages}；请把文件命名为 `{stem}.{lang}.md`";
    COMMENTARY_UNKNOWN_INDICATOR: "commentary for an unknown indicator `{id}`" => "解读所对应的指标 `{id}` 不存在";
    REGION_COMMENTARY_NAME_HINT: "name region commentary `index.<language>.md`, or `<indicator id>.<language>.md` for one indicator"
        => "地区的解读文件命名为 `index.<language>.md`，某项指标的解读命名为 `<indicator id>.<language>.md`";
    INDICATOR_COMMENTARY_NAME_HINT: "name indicator commentary `<indicator id>.<language>.md`"
        => "指标的解读文件命名为 `<indicator id>.<language>.md`";
    PAGE_MISSING_LANGUAGE: "the page `{slug}` has no {language} version" => "页面 `{slug}` 没有{language}版本";
    PAGE_MISSING_LANGUAGE_HINT: "add pages/{slug}.{lang}.md" => "请添加 `pages/{slug}.{lang}.md`";

    // ------------------------------------------------------------------------------ site.yaml
    NOT_A_LANGUAGE_CODE: "`{code}` is not a language code" => "`{code}` 不是语言代码";
    LANGUAGE_CODE_LOWERCASE_HINT: "language codes are lowercase: write `{code}`" => "语言代码用小写字母，请写 `{code}`";
    LANGUAGE_CODE_HINT: "use two-letter codes such as zh and en" => "请使用两个字母的代码，如 `zh` 和 `en`";
    LANGUAGE_TWICE: "the language `{lang}` is listed twice" => "语言 `{lang}` 列了两次";
    NO_LANGUAGES: "no languages are listed" => "没有列出任何语言";
    NO_LANGUAGES_HINT: "write `languages: [zh, en]`" => "请写 `languages: [zh, en]`";
    BAD_BASE_URL: "`{url}` is not a web address or path" => "`{url}` 不是网址或路径";
    BAD_BASE_URL_HINT: "write `/` for a domain root, `/gongkai/` for a sub-folder, or a full address such as https://wjw.example.gov.cn/gongkai/"
        => "网站放在域名根目录时写 `/`，放在子文件夹时写 `/gongkai/`，也可以写完整网址，如 `https://wjw.example.gov.cn/gongkai/`";
    // ------------------------------------------------------------- identity (site.yaml)
    BAD_ICP: "`{value}` is not an ICP record number" => "`{value}` 不是 ICP 备案号";
    BAD_ICP_HINT: "write it as the MIIT record system shows it, e.g. 晋ICP备12345678号-1"
        => "请按工业和信息化部备案系统中显示的写法填写，例如 `晋ICP备12345678号-1`";
    BAD_POLICE: "`{value}` is not a public-security record number" => "`{value}` 不是公安机关备案号";
    BAD_POLICE_HINT: "write it as the record certificate shows it, e.g. 晋公网安备 14080202000123号 (its digits make the link to the record page)"
        => "请按备案证书的写法填写，例如 `晋公网安备 14080202000123号`（其中的数字用于生成备案查询链接）";
    BAD_SITE_CODE: "`{value}` is not a government website code" => "`{value}` 不是政府网站标识码";
    BAD_SITE_CODE_HINT: "the code is 10 letters or digits, e.g. 1408000001 or bm55000001"
        => "政府网站标识码由 10 个字母或数字组成，例如 `1408000001`、`bm55000001`";
    BAD_BADGE_URL: "`{url}` is not a web address" => "`{url}` 不是网址";
    BAD_BADGE_URL_HINT: "write the address of the site's certificate given with the 党政机关网站标识, starting with https:// (the badge's image is the theme's static/badge.svg)"
        => "请填写开办党政机关网站标识时给出的本站证书网址，以 https:// 开头（标识图片为主题的 `static/badge.svg`）";
    BAD_RELEASE_LAG: "`{value}` is not a number of days" => "`{value}` 不是天数";
    BAD_RELEASE_LAG_HINT: "write a whole number of days from 0 to 3660, e.g. 180"
        => "请写 0 到 3660 之间的整数天数，例如 `180`";
    THRESHOLDS_OUT_OF_ORDER: "thresholds on_track {on_track} and needs_acceleration {needs_acceleration} are not in order"
        => "阈值 `on_track`（{on_track}）和 `needs_acceleration`（{needs_acceleration}）的大小顺序不对";
    THRESHOLDS_HINT: "they must satisfy 0 < needs_acceleration < on_track ≤ 1; the defaults are 0.95 and 0.6"
        => "两者须满足 `0 < needs_acceleration < on_track ≤ 1`；默认值分别为 0.95 和 0.6";
    APPROX_TOLERANCE_OUT_OF_RANGE: "approx_tolerance {value} is not a share between 0 and 1"
        => "`approx_tolerance`（{value}）不是 0 到 1 之间的比例";
    APPROX_TOLERANCE_HINT: "write the share of the target's number a 左右 target may miss it by: 0.05 for ±5% (the default)"
        => "请写“左右”目标允许偏离其数值的比例：±5% 写作 0.05（默认值）";
    TOO_MANY_DECIMALS: "{decimals} decimals is too many" => "小数位数 {decimals} 太多";
    TOO_MANY_DECIMALS_HINT: "use 0 to 6" => "请用 0 到 6 位";

    // ------------------------------------------- why a change rebuilds the whole site (watch)
    CHANGE_NEW_REGION: "`{id}` is a new region" => "`{id}` 是新增的地区";
    CHANGE_REGION_REMOVED: "the region `{id}` has no region.yaml any more" => "地区 `{id}` 的 `region.yaml` 已不存在";
    CHANGE_HIERARCHY: "the parent or level of the region `{id}` changed" => "地区 `{id}` 的上级或级别有变化";
    CHANGE_NAME: "the name or plan title of the region `{id}` changed, and other pages show it"
        => "地区 `{id}` 的名称或方案标题有变化，其他页面上也显示它";
    CHANGE_REPORTING_YEAR: "the reporting year moves from {from} to {to}" => "报告年份由 {from} 年变为 {to} 年";

    // ------------------------------------------------------------------- a plan's own text
    PLAN_DUPLICATE_ANCHOR: "the anchor `{anchor}` is given twice" => "锚点 `{anchor}` 重复";
    PLAN_DUPLICATE_ANCHOR_HINT: "the first is on line {line}; give one of them its own with ` {{#id}}` at the end of its line"
        => "第一个在第 {line} 行；请在其中一行末尾用 ` {{#id}}` 另起一个锚点";
    PLAN_QUOTE_MISSING: "the quote is not in the plan's text: `{passage}`" => "方案原文中找不到这段引文：`{passage}`";
    PLAN_QUOTE_NEAREST: "the nearest passage of {file} reads `{nearest}`; quote the plan exactly (whitespace does not count; join separate passages with ……)"
        => "{file} 中最接近的一段是 `{nearest}`；请完全照方案原文引用（空白不计；不相连的几段用……连接）";
    PLAN_QUOTE_NO_NEAREST: "quote the plan exactly, as {file} has it (whitespace does not count; join separate passages with ……)"
        => "请完全照 {file} 中的方案原文引用（空白不计；不相连的几段用……连接）";
    PLAN_REF_UNKNOWN: "`plan_ref: {anchor}` names no place in the plan's text" => "`plan_ref: {anchor}` 在方案原文中没有对应的位置";
    PLAN_REF_UNKNOWN_HINT: "use an anchor of {file}: its numbering (`s2-3`, `a1-r20`) or an explicit `{{#id}}`"
        => "请使用 {file} 中的锚点：按编号生成的（如 `s2-3`、`a1-r20`）或用 `{{#id}}` 写明的";
    /// `{field}` is `attribute` or `schedule`, a column of a plan's table a target takes over.
    PLAN_CELL_NOT_IN_ROW: "`{field}: {value}` is not a cell of the plan's table row `{anchor}` that this target quotes"
        => "`{field}: {value}` 不是本目标所引方案表格行 `{anchor}` 中的单元格";
    PLAN_CELL_NOT_IN_ROW_HINT: "write it exactly as the row does; its cells are: {cells}"
        => "请完全照该行原文填写；该行各单元格为：{cells}";
    PLAN_CELL_NOT_A_ROW: "`{field}` is a column of the plan's table, but this target's quote links to `{anchor}`, which is not a table row"
        => "`{field}` 是方案表格中的一栏，但本目标的引文对应 `{anchor}`，不是表格中的一行";
    PLAN_CELL_NOT_A_ROW_HINT: "give `{field}` only to a target whose `text` quotes a row of the plan's table (its cells joined with `：`); a row without a number of its own needs an anchor ` {{#id}}`"
        => "只有 `text` 引用方案表格中一行（各单元格用“：”连接）的目标才能写 `{field}`；没有序号的行需要在行末用 ` {{#id}}` 写明锚点";
    PLAN_OUTLINE_UNKNOWN_ANCHOR: "plan.zh.md has no heading with the anchor `{anchor}`" => "plan.zh.md 中没有锚点为 `{anchor}` 的标题";
    PLAN_OUTLINE_UNKNOWN_ANCHOR_HINT: "plan.en.md gives English headings to the headings of {file} (not to its paragraphs or table rows): use a heading's anchor, from its numbering (`s1`, `s2-3`, `a1`) or its own `{{#id}}`"
        => "plan.en.md 只为 {file} 中的标题（不包括段落和表格行）写英文：请使用某个标题的锚点，即按编号生成的（如 `s1`、`s2-3`、`a1`）或它用 `{{#id}}` 写明的";
    PLAN_OUTLINE_WITHOUT_TEXT: "plan.en.md gives English headings to a plan text this region does not have"
        => "plan.en.md 是方案原文各级标题的英文，但该地区没有方案原文";
    PLAN_OUTLINE_WITHOUT_TEXT_HINT: "add the plan's text as {file}, or remove plan.en.md"
        => "请添加方案原文 {file}，或删除 plan.en.md";
    PLAN_TEXT_MISSING: "the region has a plan but not its text" => "该地区写了方案，但没有方案原文";
    PLAN_TEXT_MISSING_HINT: "add the plan's full text as {file} (see docs/content-format.md, \"The plan's text\")"
        => "请把方案全文放在 {file}（见 docs/content-format.md 中“方案原文”一节）";
}
