//! What the command line says: `--help`, summaries, progress, `build --watch`, `init`, and the
//! frame of every problem report.

crate::messages::catalogue! {
    // ------------------------------------------------------------------ the frame of a report
    /// Before an error's message.
    LABEL_ERROR: "error" => "错误";
    LABEL_WARNING: "warning" => "警告";
    /// Before a note: something done that the user should know of, not a fault.
    LABEL_NOTE: "note" => "说明";
    LABEL_HINT: "hint" => "提示";
    /// Where a problem is: a line and column.
    AT_POSITION: "{file}:{line}:{column}" => "{file} 第 {line} 行第 {column} 列";
    /// Where a problem is: a cell of a spreadsheet (`cell` is `数据!D7`).
    AT_CELL: "{file}, cell {cell}" => "{file} 单元格 {cell}";
    /// Where a problem is: a place in a YAML file not found again.
    AT_YAML_PATH: "{file} (at {path})" => "{file}（位置 {path}）";
    /// The other place a hint names.
    RELATED_LINE: "{file}:{line}" => "{file} 第 {line} 行";
    MORE_PROBLEMS: "... and {n} more problems not shown (fix the ones above first)" => "……另有 {n} 个问题未列出（请先修正以上问题）";
    /// A hint naming the closest known word.
    DID_YOU_MEAN: "did you mean `{word}`?" => "是不是 `{word}`？";

    // ------------------------------------------------------------------------------- counts
    // One and many: English says "1 region" and "2 regions"; Chinese has one form.
    ONE_ERROR: "1 error" => "1 个错误";
    N_ERRORS: "{n} errors" => "{n} 个错误";
    ONE_WARNING: "1 warning" => "1 个警告";
    N_WARNINGS: "{n} warnings" => "{n} 个警告";
    ONE_REGION: "1 region" => "1 个地区";
    N_REGIONS: "{n} regions" => "{n} 个地区";
    ONE_INDICATOR: "1 indicator" => "1 项指标";
    N_INDICATORS: "{n} indicators" => "{n} 项指标";
    ONE_SERIES: "1 series" => "1 条数据序列";
    N_SERIES: "{n} series" => "{n} 条数据序列";
    ONE_OBSERVATION: "1 observation" => "1 个数据值";
    N_OBSERVATIONS: "{n} observations" => "{n} 个数据值";
    ONE_TARGET: "1 target" => "1 个目标";
    N_TARGETS: "{n} targets" => "{n} 个目标";
    ONE_TASK: "1 task" => "1 项任务";
    N_TASKS: "{n} tasks" => "{n} 项任务";
    ONE_COMMENTARY: "1 commentary file" => "1 个解读文件";
    N_COMMENTARY: "{n} commentary files" => "{n} 个解读文件";
    ONE_FILE: "1 file" => "1 个文件";
    N_FILES: "{n} files" => "{n} 个文件";

    // -------------------------------------------------------------------------------- check
    CHECK_OK: "ok: {regions}, {indicators}, {series}, {observations}, {targets}, {tasks}, {commentary}; {warnings}"
        => "检查通过：{regions}，{indicators}，{series}，{observations}，{targets}，{tasks}，{commentary}；{warnings}。";
    CHECK_FAILED: "failed: {errors}, {warnings}" => "检查未通过：{errors}，{warnings}。";

    // -------------------------------------------------------------------------------- build
    BUILT: "built {files} ({mb} MB, {changed} changed) into {out} in {ms} ms"
        => "已生成 {files}（{mb} MB，其中 {changed} 个有变化），写入 {out}，用时 {ms} 毫秒。";
    BUILD_FAILED: "failed: {errors}; the previous site was left as it was" => "生成失败：{errors}；原有站点未作改动。";
    CANNOT_WRITE: "cannot write the site to {out}: {error}" => "无法将站点写入 {out}：{error}";
    CANNOT_WRITE_HINT: "check that the folder is writable and the disk is not full; the previous site was left as it was"
        => "请检查该文件夹是否可写、磁盘是否已满；原有站点未作改动。";
    PROGRESS: "writing the site" => "正在写入站点";
    PROGRESS_FILES: "files" => "个文件";
    PROGRESS_LEFT: "about {eta} left" => "约剩 {eta}";

    // -------------------------------------------------------------------------------- watch
    /// Before what a change did: the file changed (or how many).
    CHANGED: "{what}:" => "{what}：";
    WATCHING: "watching for changes (Ctrl-C to stop)" => "正在监视文件变化（按 Ctrl-C 停止）";
    FILES_CHANGED: "{n} files changed" => "{n} 个文件有变化";
    WATCH_WARNING: "file watching: {error}" => "文件监视：{error}";
    UPDATED_PAGES: "updated {written} of {files} files in {ms} ms" => "已更新 {files} 个文件中的 {written} 个，用时 {ms} 毫秒";
    UPDATED_PAGES_THEN: "updated {written} of {files} files in {ms} ms; now the downloads"
        => "已更新 {files} 个文件中的 {written} 个，用时 {ms} 毫秒；正在更新下载文件";
    UPDATED_DOWNLOADS: "updated the downloads ({changed} of {files} files changed{whole}) in {ms} ms"
        => "下载文件已更新（{files} 个中有 {changed} 个变化{whole}），用时 {ms} 毫秒";
    WRITTEN_WHOLE: ", {n} written whole" => "，{n} 个整体重写";
    UPDATE_FAILED: "failed: {errors}; the site was left as it was" => "更新失败：{errors}；站点未作改动。";
    REBUILDING: "{why}: rebuilding the whole site" => "{why}：重新生成整个站点";

    // ----------------------------------------------------------------- the system's io errors
    IO_NOT_FOUND: "no such file or folder" => "找不到该文件或文件夹";
    IO_PERMISSION: "permission denied" => "没有权限";
    IO_EXISTS: "it already exists" => "已经存在";
    IO_DISK_FULL: "the disk is full" => "磁盘已满";
    IO_READ_ONLY: "the file system is read-only" => "文件系统为只读";
    IO_OTHER: "{detail}" => "系统错误：{detail}";

    // --------------------------------------------------------------------------------- init
    INIT_DONE: "created a starter site in {dir} ({n} files)" => "已在 {dir} 创建示例站点（{n} 个文件）";
    INIT_NEXT: "next: cd {dir} && gongkai serve" => "下一步：cd {dir} && gongkai serve";
    ERROR_LINE: "error: {error}" => "错误：{error}";

    // --------------------------------------------------------------------------------- help
    HELP_ABOUT: "gongkai (公开) turns indicator data (YAML, CSV) and commentary (Markdown) about the plans for the high-quality development of public hospitals into a bilingual website that any web server can host."
        => "gongkai（公开）把公立医院高质量发展方案的指标数据（YAML、CSV）和解读（Markdown）生成双语网站，可放在任何网站服务器上发布。";
    HELP_AFTER: "Start with `gongkai check` to find mistakes in content/, then `gongkai serve` to preview.\nThe content format is described in docs/content-format.md.\nMessages are in Chinese when GONGKAI_LANG=zh or the locale (LANG) is Chinese; --ui-lang chooses."
        => "先运行 `gongkai check` 找出 content/ 中的错误，再运行 `gongkai serve` 预览。\n内容格式见 docs/content-format.md。\n设置 GONGKAI_LANG=zh 或系统语言（LANG）为中文时，提示信息使用中文；也可用 --ui-lang 指定。";
    HELP_USAGE: "Usage" => "用法";
    USAGE_UNKNOWN_COMMAND: "unrecognized subcommand `{name}`" => "没有 `{name}` 这个命令";
    USAGE_UNKNOWN_OPTION: "unexpected argument `{name}`" => "无法识别的参数 `{name}`";
    USAGE_INVALID_VALUE: "invalid value `{value}` for `{name}` (possible values: {valid})" => "`{name}` 的值 `{value}` 无效（可用的值：{valid}）";
    USAGE_BAD_VALUE: "invalid value `{value}` for `{name}`" => "`{name}` 的值 `{value}` 无效";
    USAGE_MISSING: "required arguments were not provided: {names}" => "缺少必需的参数：{names}";
    USAGE_OTHER: "the command line is not right: {detail}" => "命令行有误：{detail}";
    USAGE_MORE: "For more information, try `gongkai --help`." => "详细用法请运行 `gongkai --help`。";
    HELP_COMMANDS: "Commands" => "命令";
    HELP_OPTIONS: "Options" => "选项";
    HELP_ARGUMENTS: "Arguments" => "参数";
    HELP_HELP: "Print help" => "显示帮助";
    /// After an option's help: its default value.
    HELP_DEFAULT: " [default: {value}]" => "（默认：{value}）";
    HELP_VERSION: "Print version" => "显示版本";
    HELP_HELP_COMMAND: "Print this message or the help of the given subcommand(s)" => "显示本帮助，或指定命令的帮助";
    HELP_ROOT: "The site folder (the one holding `content/`)" => "站点文件夹（包含 `content/` 的那个）";
    HELP_UI_LANG: "The language of gongkai's messages: `zh` or `en` (default: GONGKAI_LANG, else the locale)"
        => "gongkai 提示信息的语言：`zh` 或 `en`（默认取 GONGKAI_LANG，否则取系统语言）";
    HELP_CHECK: "Read and check all content; print every problem and a summary" => "读取并检查全部内容，列出每个问题并给出汇总";
    HELP_CHECK_STRICT: "Before publishing: treat warnings (such as missing English text) as errors, render the site in memory, and check every internal link, that every page exists in every language, and that every target has data or says why not"
        => "发布前使用：把警告（如缺少英文文本）当作错误，在内存中生成站点，并检查每个站内链接、每个页面是否各语言齐全、每个目标是否有数据或说明了没有数据的原因";
    HELP_CHECK_PUBLISH: "Run this before publishing: everything --strict checks, and the publishing gate: no sample values or tasks, no placeholder commentary, no empty pages, the identity marks (unless embedded in a portal) and an https base_url; notes stale series and undated pages"
        => "发布前运行：包括 --strict 的全部检查，以及发布把关：不得有示例数值或示例任务、占位解读文字、空白页面，须有网站标识信息（嵌入门户的除外）和 https 网址；并提示数据过期的序列和没有日期的页面";
    HELP_BUILD_PUBLISH: "Run the checks of `check --publish` first, and write nothing unless they pass"
        => "先进行 `check --publish` 的全部检查，通过后才写入网站";
    HELP_BUILD: "Check the content and write the website to public/" => "检查内容并把网站写入 public/";
    HELP_BUILD_OUTPUT: "Where to write the site" => "网站写入的位置";
    HELP_BUILD_WATCH: "Keep running and rebuild whenever a file changes (public/ is replaced only by complete builds)"
        => "持续运行，文件一有变化就重新生成（只有完整生成成功时才替换 public/）";
    HELP_BUILD_POLL: "With --watch: poll for changes instead of using the system's file events"
        => "与 --watch 一起使用：定时轮询文件变化，而不依赖系统的文件事件";
    HELP_INIT: "Create a small starter site in DIR (a region, two indicators, targets, data, tasks and commentary in both languages) that builds as it is"
        => "在 DIR 中创建一个可直接生成的小型示例站点（一个地区、两项指标、目标、数据、任务和中英文解读）";
    HELP_INIT_DIR: "The folder to create the site in" => "创建站点的文件夹";
    HELP_IMPORT: "Import values from a spreadsheet (.xlsx, .xls, .ods, CSV in UTF-8 or GBK) into the regions' data.csv; shows what changes first" => "从电子表格（.xlsx、.xls、.ods，UTF-8 或 GBK 编码的 CSV）导入数据到各地区的 data.csv，先列出将发生的变化";
    HELP_IMPORT_FILE: "The spreadsheet or CSV file" => "电子表格或 CSV 文件";
    HELP_IMPORT_REGION: "The region of a sheet that has no region column (or the only region imported)" => "工作表没有地区列时所属的地区（或只导入该地区）";
    HELP_IMPORT_MAP: "A mapping file (import.yaml): header rows, what the columns hold, fixed region, indicator or scope (see docs/import.md)" => "映射文件（import.yaml）：表头所在行、各列含义、固定的地区、指标或范围（见 docs/import.md）";
    HELP_IMPORT_DRY_RUN: "Show what would change and write nothing" => "只显示将发生的变化，不写入任何文件";
    HELP_IMPORT_REPLACE: "Replace values the content already holds (otherwise a different value is a conflict)" => "替换已有的数值（否则数值不同即为冲突）";
    HELP_SERVE: "Build the site, serve it for preview, and rebuild whenever a file changes" => "生成站点并启动预览，文件一有变化就重新生成";
    HELP_SERVE_INTERFACE: "The address to listen on (the preview is reachable only from this computer by default)"
        => "监听的地址（默认只有本机能访问预览）";
    HELP_SERVE_PORT: "The port to listen on (the next free one is used if it is taken)" => "监听的端口（被占用时自动改用下一个空闲端口）";
    HELP_SERVE_POLL: "Poll for changes instead of using the system's file events (network drives, some containers)"
        => "定时轮询文件变化，而不依赖系统的文件事件（适用于网络驱动器和部分容器）";
    HELP_SERVE_OPEN: "Open the preview in the web browser" => "在浏览器中打开预览";
    HELP_SERVE_RENDER: "When pages are rendered: `auto` renders a site of up to 5,000 files whole at start and a larger one page by page as they are opened; `all` or `on-demand` chooses"
        => "何时生成页面：`auto` 对 5000 个文件以内的站点在启动时全部生成，更大的站点在打开页面时逐页生成；也可指定 `all` 或 `on-demand`";
}
