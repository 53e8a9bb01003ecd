//! What rendering and publishing say: theme and template problems, `check --strict`, writing
//! the output folder, `init`'s problems, and why a change rebuilds the whole site.

crate::messages::catalogue! {
    // -------------------------------------------------------------------------------- theme
    /// `site.yaml: theme` names a folder that is not there.
    THEME_FOLDER_MISSING: "there is no theme folder themes/{name}" => "没有主题文件夹 themes/{name}";
    THEME_FOLDER_MISSING_HINT: "create it (copy themes/default from gongkai's repository), or write `theme: default`"
        => "请创建该文件夹（可从 gongkai 的代码仓库复制 themes/default），或改写为 `theme: default`";
    /// Where a file of the theme compiled into gongkai is said to be (in place of a path).
    THEME_BUILT_IN: "(built-in theme)" => "（内置主题）";
    THEME_TEMPLATE_NOT_UTF8: "the template is not UTF-8 text" => "模板不是 UTF-8 编码的文本";
    THEME_CANNOT_READ: "cannot read the file: {error}" => "无法读取该文件：{error}";
    THEME_NO_STRINGS: "the theme has no interface strings for `{lang}`" => "主题缺少 `{lang}` 的界面文字";
    THEME_NO_STRINGS_HINT: "add i18n/{lang}.yaml to the theme; the {first} strings are used meanwhile"
        => "请在主题中添加 i18n/{lang}.yaml；在此之前暂用 {first} 的界面文字";

    // ---------------------------------------------------------------------------- templates
    /// A Tera error; `detail` is Tera's own account of it.
    TEMPLATE_ERROR: "template error in `{template}`: {detail}" => "模板 `{template}` 有错误：{detail}";
    TEMPLATE_ERROR_HINT: "fix the template, or delete your copy to use the built-in one"
        => "请修正该模板，或删除站点中的这份模板以改用内置模板";
    /// A template reads a context field that gongkai no longer gives: what replaced it.
    TEMPLATE_FIELD_RETIRED: "template error in `{template}`: {detail}: `{old}` was replaced by `{new}`, {what}"
        => "模板 `{template}` 有错误：{detail}；`{old}` 已改为 `{new}`，即{what}";
    TEMPLATE_FIELD_RETIRED_HINT: "{fix} (gongkai's docs/themes.md lists what each template receives), or delete your copy to use the built-in one"
        => "{fix}（gongkai 的 docs/themes.md 列出了每个模板得到的数据），或删除站点中的这份模板以改用内置模板";
    /// What `r.cells_html` is (the field that replaced `r.cells`).
    RETIRED_CELLS_WHAT: "a data-table row's cells as one piece of HTML (a `<td class=\"num\">` per column), pre-rendered by gongkai for speed"
        => "数据表中一行的全部单元格合成的一段 HTML（每列一个 `<td class=\"num\">`），由 gongkai 预先生成以加快速度";
    /// How to change a template that loops over `r.cells`.
    RETIRED_CELLS_FIX: "replace the loop `{{% for c in {old} %}}…{{% endfor %}}` by `{{{{ {new} | safe }}}}`"
        => "请把循环 `{{% for c in {old} %}}…{{% endfor %}}` 改为 `{{{{ {new} | safe }}}}`";

    // ------------------------------------------------------------------------------ writing
    RENDER_CANNOT_WRITE: "cannot write the site: {error}" => "无法写入站点：{error}";
    /// A file of the site would land outside the output folder.
    WRITE_OUTSIDE_OUTPUT: "refusing to write outside the output folder: {path}" => "不能写到输出文件夹以外：{path}";

    // ----------------------------------------------------------------------- check --strict
    TARGET_WITHOUT_DATA: "the target for `{indicator}` has no data, and nothing says why"
        => "指标 `{indicator}` 的目标没有数据，也没有说明原因";
    TARGET_WITHOUT_DATA_HINT: "add its values to data.yaml or data.csv, or say why there are none: `no_data: {{zh: ..., en: ...}}` on the target, or once for the whole region"
        => "请在 data.yaml 或 data.csv 中补上数据，或说明没有数据的原因：在该目标上写 `no_data: {{zh: ..., en: ...}}`，或为整个地区写一次";
    PAGE_WITHOUT_LANGUAGE: "the page {page} has no {lang} version" => "页面 {page} 没有 {lang} 版本";
    /// A link in a commentary file.
    LINK_NOWHERE_ON: "the link `{href}` leads nowhere (on {page})" => "链接 `{href}` 指向的页面不存在（出现在 {page}）";
    LINK_RELATIVE_HINT: "links between pages are relative, e.g. `../{example}`; check the spelling and the number of `../`"
        => "页面之间的链接用相对路径，如 `../{example}`；请检查拼写和 `../` 的个数";
    /// A link a template made.
    LINK_NOWHERE: "the link `{href}` leads nowhere" => "链接 `{href}` 指向的页面不存在";
    LINK_FROM_TEMPLATE_HINT: "the link comes from a template of the theme; check the template that renders this page"
        => "该链接来自主题的模板；请检查生成此页面的模板";

    // ---------------------------------------------------------------------- check --publish
    PUBLISH_BASE_URL: "`base_url` is `{url}`: a published site needs its absolute https:// address"
        => "`base_url` 为 `{url}`：发布的网站须写完整的 https:// 网址";
    PUBLISH_BASE_URL_HINT: "write the address the site will be served at, e.g. https://wjw.example.gov.cn/gongkai/ (the pages' SiteDomain and og:url come from it)"
        => "请写网站发布后的网址，例如 `https://wjw.example.gov.cn/gongkai/`（页面的 SiteDomain 和 og:url 由它生成）";
    /// `{n}`: the entries of data.yaml or rows of data.csv flagged.
    PUBLISH_SAMPLE_VALUES: "entries with sample values (`sample: true`) in this file: {n}, the first here; illustrative numbers must not be published"
        => "本文件中有 {n} 处示例数值（`sample: true`），第一处在此：示例数值不得发布";
    PUBLISH_SAMPLE_VALUES_HINT: "replace them by the official figures and remove `sample: true`, or remove them (a target without values then needs `no_data` saying why)"
        => "请换成正式统计数据并删去 `sample: true`，或删去这些数值（没有数值的目标须用 `no_data` 说明原因）";
    PUBLISH_SAMPLE_TASKS: "tasks with sample status or progress (`sample: true`) in this file: {n}, the first here"
        => "本文件中有 {n} 项任务的状态或进展是示例（`sample: true`），第一项在此处";
    PUBLISH_SAMPLE_TASKS_HINT: "write the reported status and progress and remove `sample: true`, or remove `status`, `progress` and `sample`"
        => "请填写实际报送的状态和进展并删去 `sample: true`，或删去 `status`、`progress` 和 `sample`";
    PUBLISH_PLACEHOLDER: "this commentary is a placeholder (`placeholder: true`)" => "这篇解读文字是占位文字（`placeholder: true`）";
    PUBLISH_PLACEHOLDER_HINT: "write the text, then remove `placeholder: true`; or delete the file"
        => "请写好正文后删去 `placeholder: true`，或删除该文件";
    /// A registration mark or the publisher missing; `{mark}` is one of the `MARK_…` entries.
    PUBLISH_MISSING_MARK: "the site's {mark} is missing" => "缺少网站的{mark}";
    PUBLISH_MISSING_MARK_HINT: "a government site on its own host shows it in every page's footer: write it in site.yaml (see docs/content-format.md), or `embedded_in_portal: true` when the pages are shown inside a portal whose footer carries it"
        => "独立部署的政府网站须在每页底部显示此项：请在 site.yaml 中填写（见 docs/content-format.md）；如页面嵌入政府门户网站、由门户页脚显示，请写 `embedded_in_portal: true`";
    MARK_PUBLISHER: "publisher (`publisher.name`, 主办单位)" => "主办单位（`publisher.name`）";
    MARK_ICP: "ICP record number (`registration.icp`)" => "ICP 备案号（`registration.icp`）";
    MARK_POLICE: "public-security record number (`registration.police`)" => "公安机关备案号（`registration.police`）";
    MARK_SITE_CODE: "government website code (`registration.site_code`, 网站标识码)" => "政府网站标识码（`registration.site_code`）";
    MARK_BADGE: "党政机关网站标识 certificate (`registration.badge`)" => "党政机关网站标识证书网址（`registration.badge`）";
    PUBLISH_EMPTY_REGION: "the page of region `{id}` shows only links: it has no plan, values, tasks or commentary"
        => "地区 `{id}` 的页面只有导航链接：没有方案、数据、任务或解读文字";
    PUBLISH_EMPTY_REGION_HINT: "write {file} saying what the page is for (e.g. that the region's own plan is not published and its subordinate regions' plans are below), or remove the region"
        => "请编写 {file}，说明该页面的用途（例如本级方案尚未公开、下级地区的方案见下方），或删除该地区";
    PUBLISH_EMPTY_INDICATOR: "the page of indicator `{id}` shows nothing: no region reports it, and it has no description or commentary"
        => "指标 `{id}` 的页面没有内容：没有地区报送该指标，也没有说明或解读文字";
    PUBLISH_EMPTY_INDICATOR_HINT: "add `description` to the indicator or write its commentary (indicators/{id}.zh.md), or remove the indicator"
        => "请为该指标填写 `description` 或编写解读文字（indicators/{id}.zh.md），或删除该指标";
    PUBLISH_EMPTY_PAGE: "the page `{slug}` has no text" => "页面 `{slug}` 没有正文";
    PUBLISH_EMPTY_PAGE_HINT: "write its text, or delete the file" => "请编写正文，或删除该文件";
    /// A note of `check --publish`, never an error.
    PUBLISH_STALE: "series here without a value for a period that is due: {n}, e.g. `{indicator}`: latest {latest}, {next} expected by {due}"
        => "此处有 {n} 个序列缺少已到期的数据，例如 `{indicator}`：最新为 {latest}，{next} 的数据应于 {due} 前发布";
    PUBLISH_STALE_HINT: "add the values when they are released; a period's value is expected `release_lag_days` ({lag} days) after its end (site.yaml)"
        => "数据发布后请及时补上；各期数据应在该期结束后 `release_lag_days`（{lag} 天，见 site.yaml）内发布";
    PUBLISH_UNDATED: "pages that show no date, since nothing on them has one: {n}, e.g. {example}"
        => "有 {n} 个页面不显示日期（页面上的内容都没有日期），例如 {example}";
    PUBLISH_UNDATED_HINT: "a page's date is the newest of what it shows: values' `released`, tasks' `updated`, commentary's `updated`, the plan's `issued`"
        => "页面日期取页面所示内容中最新的日期：数值的 `released`、任务的 `updated`、解读文字的 `updated`、方案的 `issued`";
    TODAY_NOT_A_DATE: "GONGKAI_TODAY is `{value}`, not a date (2025-03-31); today's date is used"
        => "GONGKAI_TODAY 的值 `{value}` 不是日期（如 2025-03-31），改用今天的日期";

    // --------------------------------------------------------------------------------- init
    INIT_HAS_CONTENT: "{dir} already has a content folder; gongkai init never overwrites content (choose an empty folder)"
        => "{dir} 中已有 content 文件夹；gongkai init 不会覆盖已有内容（请选择一个空文件夹）";
    INIT_CANNOT_CREATE: "cannot create {dir}: {error}" => "无法创建 {dir}：{error}";
    INIT_CANNOT_WRITE: "cannot write {file}: {error}" => "无法写入 {file}：{error}";

    // ------------------------------------------------- why a change rebuilds the whole site
    WHY_BEYOND: "the change reaches beyond one region's folder" => "改动超出了单个地区的文件夹";
    WHY_COMMENTARY: "a commentary file could not be applied on its own" => "有解读文件无法单独更新";
    WHY_PAGES: "a region's pages are added or removed" => "某个地区的页面有增减";
    WHY_TOO_MANY_REGIONS: "the change shows on the pages of {n} regions" => "改动涉及 {n} 个地区的页面";
    WHY_FAILED: "the update in place failed" => "增量更新失败";
}
