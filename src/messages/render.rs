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
