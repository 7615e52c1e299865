"""The trainer's console (培训师工作台): the scenario library (browse, filter, import,
export), session set-up (trainees, hand-picked or random scenarios, pass mark, time per
scenario), the live class grid (refreshed every second: scenario, elapsed time, score so
far, stuck; a hint to one trainee) and the results (per trainee x scenario, the class's
weakest items, each trainee's progress chart, certification, .xlsx export) and the rubric
(points, weights, pass mark; saved as a new version).

Every service call runs on ``runner`` (one serialized thread in the app, ``InlineRunner``
in tests); the window never waits on the database.

Keys: Ctrl+1..5 tabs, F5 refresh, Ctrl+I import, Ctrl+E export scenarios, Ctrl+Return
create the session, Ctrl+H send the hint, Ctrl+Shift+E export results.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from seat_app.domain.taxonomy import DOMAINS
from seat_app.domain.training.scenario import (
    SKILL_ZH,
    Skill,
    load_scenarios,
    row_to_dict,
    scenario_to_row,
)
from seat_app.qt.i18n import error_text, fill
from seat_app.qt.trainer.chart import ProgressChart
from seat_app.qt.trainer.scenario_form import ScenarioForm
from seat_app.qt.workers import Runner, SingleFlight
from seat_app.services.training import library, results, sessions

STUCK_COLOR = "#fce8e6"
DONE_COLOR = "#e6f4ea"


def _item(text: object, color: str | None = None) -> QTableWidgetItem:
    cell = QTableWidgetItem("" if text is None else str(text))
    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if color:
        cell.setBackground(QColor(color))
        cell.setForeground(QColor("#202124"))
    return cell


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _fill(t: QTableWidget, rows: list[list[object]], colors: list[str | None] | None = None) -> None:
    """Replace the table's rows; columns sized once at the end (sizing per cell is ~20 ms a
    cell with 200 rows: a refresh every second must stay cheap)."""
    t.setUpdatesEnabled(False)
    try:
        t.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                t.setItem(r, c, _item(v, colors[r] if colors else None))
        if t.property("sized") != len(rows):
            t.resizeColumnsToContents()
            t.setProperty("sized", len(rows))
    finally:
        t.setUpdatesEnabled(True)


class TrainerConsole(QWidget):
    message = Signal(str)

    def __init__(self, engine: Any, trainer: str, runner: Runner, *, refresh_ms: int = 1000,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainerConsole")
        self.engine, self.trainer, self.runner = engine, trainer, runner
        self.rows: list[library.ScenarioRow] = []
        self.grid: list[sessions.TraineeProgress] = []
        self.results: results.SessionResults | None = None
        self.live_session: str | None = None
        self.scenario_form: ScenarioForm | None = None
        self.rubric: Any = None
        self.last_error = ""
        self.grid_flight = SingleFlight()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._library_tab(), self.tr("场景库"))
        self.tabs.addTab(self._setup_tab(), self.tr("开设场次"))
        self.tabs.addTab(self._live_tab(), self.tr("课堂实况"))
        self.tabs.addTab(self._results_tab(), self.tr("成绩"))
        self.tabs.addTab(self._rubric_tab(), self.tr("评分表"))
        self.status = QLabel()
        self.status.setObjectName("trainerMessage")
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.status)
        for i in range(5):
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, activated=lambda i=i: self.tabs.setCurrentIndex(i))
        QShortcut(QKeySequence("F5"), self, activated=self.refresh)
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(self.refresh_grid)
        self.message.connect(self.status.setText)

    # ------------------------------------------------------------------ plumbing
    def _run(self, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def callback(result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.last_error = error_text(error)
                self.message.emit(self.last_error)
                return
            done(result)
        self.runner.submit(job, callback)

    def start(self) -> None:
        self._run(lambda: library.ensure_starter(self.engine, self.trainer), lambda _n: self.refresh())
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def refresh(self) -> None:
        self.load_rubric()
        self.load_library()
        self.load_trainees()
        self.load_sessions()

    # ------------------------------------------------------------------ library
    def _library_tab(self) -> QWidget:
        w = QWidget()
        self.domain_filter = QComboBox()
        self.domain_filter.addItem(self.tr("全部领域"), "")
        for d in DOMAINS:
            self.domain_filter.addItem(d, d)
        self.skill_filter = QComboBox()
        self.skill_filter.addItem(self.tr("全部技能"), "")
        for s in Skill:
            self.skill_filter.addItem(SKILL_ZH[s], str(s))
        self.max_difficulty = QSpinBox()
        self.max_difficulty.setRange(1, 3)
        self.max_difficulty.setValue(3)
        self.max_difficulty.setPrefix(self.tr("难度 ≤ "))
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText(self.tr("按标题或事项筛选"))
        for sig in (self.domain_filter.currentIndexChanged, self.skill_filter.currentIndexChanged,
                    self.max_difficulty.valueChanged):
            sig.connect(lambda *_: self.load_library())
        self.text_filter.returnPressed.connect(self.load_library)
        import_button = QPushButton(self.tr("导入…（Ctrl+I）"))
        import_button.clicked.connect(self.choose_import)
        export_button = QPushButton(self.tr("导出…（Ctrl+E）"))
        export_button.clicked.connect(self.choose_export)
        new_button = QPushButton(self.tr("新建场景（Ctrl+N）"))
        new_button.clicked.connect(lambda: self.open_form(None))
        edit_button = QPushButton(self.tr("修改选中（Ctrl+Shift+N）"))
        edit_button.clicked.connect(self.edit_selected)
        QShortcut(QKeySequence("Ctrl+N"), w, activated=lambda: self.open_form(None))
        QShortcut(QKeySequence("Ctrl+Shift+N"), w, activated=self.edit_selected)
        QShortcut(QKeySequence("Ctrl+I"), w, activated=self.choose_import)
        QShortcut(QKeySequence("Ctrl+E"), w, activated=self.choose_export)
        filters = QHBoxLayout()
        for x in (self.domain_filter, self.skill_filter, self.max_difficulty):
            filters.addWidget(x)
        filters.addWidget(self.text_filter, 1)
        filters.addWidget(new_button)
        filters.addWidget(edit_button)
        filters.addWidget(import_button)
        filters.addWidget(export_button)
        self.library_table = _table([self.tr("编号"), self.tr("标题"), self.tr("领域"), self.tr("事项"),
                                     self.tr("技能"), self.tr("难度"), self.tr("渠道"), self.tr("版本")])
        self.library_table.itemSelectionChanged.connect(self.show_scenario)
        self.library_count = QLabel()
        self.detail = QTextBrowser()
        self.detail.setObjectName("scenarioDetail")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.library_table)
        split.addWidget(self.detail)
        split.setSizes([760, 420])
        lay = QVBoxLayout(w)
        lay.addLayout(filters)
        lay.addWidget(split, 1)
        lay.addWidget(self.library_count)
        return w

    def load_library(self) -> None:
        domain, skill = self.domain_filter.currentData(), self.skill_filter.currentData()
        top, text = self.max_difficulty.value(), self.text_filter.text().strip()
        self._run(lambda: library.list_scenarios(
            self.engine, domains=(domain,) if domain else (), skills=(skill,) if skill else (),
            max_difficulty=top, text=text), self._on_library)

    def _on_library(self, rows: list[library.ScenarioRow]) -> None:
        self.rows = rows
        _fill(self.library_table, [[r.scenario_id, r.title, r.domain, r.matter,
                                    SKILL_ZH.get(Skill(r.skill), r.skill), r.difficulty, r.channel,
                                    r.version] for r in rows])
        self.library_count.setText(fill(self.tr("共 %1 个场景"), len(rows)))

    def selected_scenarios(self) -> list[str]:
        picked = sorted({i.row() for i in self.library_table.selectedIndexes()})
        return [self.rows[r].scenario_id for r in picked if r < len(self.rows)]

    def show_scenario(self) -> None:
        ids = self.selected_scenarios()
        if not ids:
            return
        self._run(lambda: library.scenario(self.engine, ids[0]), self._on_scenario)

    def _on_scenario(self, found: Any) -> None:
        s, version = found
        e = s.expected
        facts = "".join(f"<li>{f.id}：{_h(f.answer)}</li>" for f in s.facts)
        self.detail.setHtml(
            f"<h3>{_h(s.id)} {_h(s.title)}（v{version}）</h3>"
            f"<p><b>{self.tr('来电人')}</b> {_h(s.persona.name)} · {_h(s.persona.area)} · "
            f"{_h(str(s.persona.mood))}</p><p><b>{self.tr('开场白')}</b> {_h(s.opening)}</p>"
            f"<p><b>{self.tr('问到才说的事实')}</b></p><ul>{facts}</ul>"
            f"<p><b>{self.tr('应办')}</b> {_h(s.matter)} · {_h(e.handling)} {_h('、'.join(e.units))}"
            f" {_h(e.transfer_to)}</p><p><b>{self.tr('知识条目')}</b> {_h('、'.join(e.accepted_kb))}</p>"
            f"<p><b>{self.tr('参考答复')}</b> {_h(e.model_answer)}</p>")

    def open_form(self, row: dict[str, Any] | None) -> ScenarioForm:
        """The scenario form (new, or ``row`` to edit: saved as a new version)."""
        def save(values: dict[str, Any], done: Callable[[Any, BaseException | None], None]) -> None:
            def job() -> str:
                s = load_scenarios([row_to_dict(values)])[0]
                library.save_scenario(self.engine, s, actor=self.trainer)
                return s.id
            self.runner.submit(job, done)
        form = self.scenario_form = ScenarioForm(save, row, self)
        form.saved.connect(lambda sid: (self.message.emit(fill(self.tr("场景 %1 已保存"), sid)),
                                        self.load_library()))
        form.open()
        return form

    def edit_selected(self) -> None:
        ids = self.selected_scenarios()
        if ids:
            self._run(lambda: scenario_to_row(library.scenario(self.engine, ids[0])[0]),
                      self.open_form)

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入练习场景"), "",
                                              self.tr("场景文件 (*.xlsx *.json)"))
        if path:
            self.import_from(path)

    def import_from(self, path: str | Path) -> None:
        def done(out: Any) -> None:
            self.message.emit(fill(self.tr("已导入：新增 %1 个，更新 %2 个，未变 %3 个"),
                                   out.added, out.new_versions, out.unchanged))
            self.load_library()
        self._run(lambda: library.import_file(self.engine, path, actor=self.trainer), done)

    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出练习场景"), "scenarios.xlsx",
                                              self.tr("场景文件 (*.xlsx *.json)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        self._run(lambda: library.export_file(self.engine, path),
                  lambda n: self.message.emit(fill(self.tr("已导出 %1 个场景到 %2"), n, str(path))))

    # ------------------------------------------------------------------ set-up
    def _setup_tab(self) -> QWidget:
        w = QWidget()
        self.session_title = QLineEdit()
        self.session_title.setPlaceholderText(self.tr("例如：新员工第3期 热线课堂"))
        self.trainee_list = QListWidget()
        self.trainee_list.setObjectName("traineeList")
        self.hand_radio = QRadioButton(self.tr("场景库中选中的场景（按顺序）"))
        self.random_radio = QRadioButton(self.tr("随机抽取"))
        self.random_radio.setChecked(True)
        group = QButtonGroup(w)
        group.addButton(self.hand_radio)
        group.addButton(self.random_radio)
        self.random_domains = QListWidget()
        for d in DOMAINS:
            it = QListWidgetItem(d)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
            self.random_domains.addItem(it)
        self.random_count = QSpinBox()
        self.random_count.setRange(1, 100)
        self.random_count.setValue(12)
        self.random_difficulty = QSpinBox()
        self.random_difficulty.setRange(1, 3)
        self.random_difficulty.setValue(2)
        self.pass_mark = QSpinBox()
        self.pass_mark.setRange(0, 100)
        self.pass_mark.setValue(80)
        self.time_per = QSpinBox()
        self.time_per.setRange(30, 3600)
        self.time_per.setValue(300)
        self.time_per.setSuffix(self.tr(" 秒"))
        self.stuck_after = QSpinBox()
        self.stuck_after.setRange(10, 3600)
        self.stuck_after.setValue(90)
        self.stuck_after.setSuffix(self.tr(" 秒"))
        create = QPushButton(self.tr("创建场次（Ctrl+Enter）"))
        create.setObjectName("createSession")
        create.clicked.connect(self.create_session)
        QShortcut(QKeySequence("Ctrl+Return"), w, activated=self.create_session)
        form = QFormLayout()
        form.addRow(self.tr("场次名称"), self.session_title)
        form.addRow(self.tr("学员"), self.trainee_list)
        form.addRow(self.tr("场景"), self.hand_radio)
        form.addRow("", self.random_radio)
        form.addRow(self.tr("随机：领域"), self.random_domains)
        form.addRow(self.tr("随机：数量"), self.random_count)
        form.addRow(self.tr("随机：难度不超过"), self.random_difficulty)
        form.addRow(self.tr("及格线"), self.pass_mark)
        form.addRow(self.tr("每个场景限时"), self.time_per)
        form.addRow(self.tr("无进展视为卡住"), self.stuck_after)
        lay = QVBoxLayout(w)
        lay.addLayout(form)
        lay.addWidget(create, 0, Qt.AlignmentFlag.AlignRight)
        return w

    def load_trainees(self) -> None:
        self._run(lambda: sessions.available_trainees(self.engine), self._on_trainees)

    def _on_trainees(self, people: list[sessions.Trainee]) -> None:
        checked = set(self.checked_trainees())
        self.trainee_list.clear()
        for p in people:
            it = QListWidgetItem(f"{p.work_no} {p.name}")
            it.setData(Qt.ItemDataRole.UserRole, p.work_no)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if p.work_no in checked else Qt.CheckState.Unchecked)
            self.trainee_list.addItem(it)

    def checked_trainees(self) -> list[str]:
        return [self.trainee_list.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.trainee_list.count())
                if self.trainee_list.item(i).checkState() == Qt.CheckState.Checked]

    def _checked_domains(self) -> tuple[str, ...]:
        return tuple(self.random_domains.item(i).text() for i in range(self.random_domains.count())
                     if self.random_domains.item(i).checkState() == Qt.CheckState.Checked)

    def create_session(self) -> None:
        title, people = self.session_title.text(), self.checked_trainees()
        pick = None if self.hand_radio.isChecked() else sessions.RandomPick(
            self._checked_domains(), self.random_difficulty.value(), self.random_count.value())
        ids = self.selected_scenarios() if pick is None else []
        mark, per, stuck = self.pass_mark.value(), self.time_per.value(), self.stuck_after.value()

        def done(info: sessions.SessionInfo) -> None:
            self.message.emit(fill(self.tr("已创建场次“%1”：%2 名学员，%3 个场景"), info.title,
                                   len(info.trainees), len(info.scenarios)))
            self.live_session = info.id
            self.load_sessions()
            self.tabs.setCurrentIndex(2)
        self._run(lambda: sessions.create_session(
            self.engine, trainer=self.trainer, title=title, trainees=people, scenario_ids=ids,
            pick=pick, pass_mark=mark, time_per_scenario_s=per, stuck_after_s=stuck), done)

    # ------------------------------------------------------------------ live class
    def _live_tab(self) -> QWidget:
        w = QWidget()
        self.live_combo = QComboBox()
        self.live_combo.setObjectName("liveSession")
        self.live_combo.currentIndexChanged.connect(self._on_live_chosen)
        close_button = QPushButton(self.tr("结束场次"))
        close_button.clicked.connect(self.close_session)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("场次")))
        top.addWidget(self.live_combo, 1)
        top.addWidget(close_button)
        self.grid_table = _table([self.tr("工号"), self.tr("姓名"), self.tr("场景"), self.tr("进度"),
                                  self.tr("用时"), self.tr("得分"), self.tr("状态"),
                                  self.tr("最近操作"), self.tr("未读提示")])
        self.grid_table.setObjectName("liveGrid")
        self.hint_edit = QLineEdit()
        self.hint_edit.setObjectName("hintEdit")
        self.hint_edit.setPlaceholderText(self.tr("给选中的学员发送提示"))
        self.hint_edit.returnPressed.connect(self.send_hint)
        send = QPushButton(self.tr("发送提示（Ctrl+H）"))
        send.clicked.connect(self.send_hint)
        QShortcut(QKeySequence("Ctrl+H"), w, activated=self.send_hint)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint_edit, 1)
        bottom.addWidget(send)
        lay = QVBoxLayout(w)
        lay.addLayout(top)
        lay.addWidget(self.grid_table, 1)
        lay.addLayout(bottom)
        return w

    def load_sessions(self) -> None:
        self._run(lambda: sessions.list_sessions(self.engine), self._on_sessions)

    def _on_sessions(self, found: list[sessions.SessionInfo]) -> None:
        for combo, only_open in ((self.live_combo, True), (self.results_combo, False)):
            keep = combo.currentData() if combo is self.results_combo else self.live_session
            combo.blockSignals(True)
            combo.clear()
            for info in found:
                if only_open and not info.is_open:
                    continue
                combo.addItem(fill(self.tr("%1（%2 人，%3 个场景）"), info.title, len(info.trainees),
                                   len(info.scenarios)), info.id)
            index = combo.findData(keep) if keep else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)
        self.live_session = self.live_combo.currentData()
        self.refresh_grid()
        self.load_results()

    def _on_live_chosen(self, _index: int) -> None:
        self.live_session = self.live_combo.currentData()
        self.refresh_grid()

    def refresh_grid(self) -> None:
        sid = self.live_session
        if not sid:
            return
        self.grid_flight.run(self.runner, lambda: sessions.live_grid(self.engine, sid),
                             lambda r, e: self._on_grid(sid, r, e))

    def _on_grid(self, sid: str, grid: Any, error: BaseException | None) -> None:
        if error is not None:
            self.message.emit(error_text(error))
            return
        if sid != self.live_session:
            return
        self.grid = grid
        selected = self.selected_trainee()
        rows, colors = [], []
        for p in grid:
            state = (self.tr("已完成") if p.finished else self.tr("卡住") if p.stuck else
                     self.tr("超时") if p.over_time else self.tr("进行中") if p.elapsed_s else
                     self.tr("等待"))
            rows.append([p.work_no, p.name, f"{p.scenario_id} {p.scenario_title}".strip(),
                         f"{p.done}/{p.total}", _mmss(p.elapsed_s),
                         "" if p.score_so_far is None else f"{p.score_so_far:g}", state,
                         p.progress, p.hints_unread or ""])
            colors.append(STUCK_COLOR if p.stuck or p.over_time else DONE_COLOR if p.finished else None)
        _fill(self.grid_table, rows, colors)
        if selected:
            for r, p in enumerate(grid):
                if p.work_no == selected:
                    self.grid_table.selectRow(r)

    def selected_trainee(self) -> str | None:
        rows = sorted({i.row() for i in self.grid_table.selectedIndexes()})
        if rows and rows[0] < len(self.grid):
            return self.grid[rows[0]].work_no
        return None

    def send_hint(self) -> None:
        who, sid, text = self.selected_trainee(), self.live_session, self.hint_edit.text()
        if not who or not sid:
            self.message.emit(self.tr("请先在课堂实况中选中一名学员"))
            return

        def done(_hint_id: Any) -> None:
            self.hint_edit.clear()
            self.message.emit(fill(self.tr("已向 %1 发送提示"), who))
            self.refresh_grid()
        self._run(lambda: sessions.send_hint(self.engine, sid, who, text, sent_by=self.trainer), done)

    def close_session(self) -> None:
        sid = self.live_session
        if sid:
            self._run(lambda: sessions.close_session(self.engine, sid), lambda _r: self.load_sessions())

    # ------------------------------------------------------------------ rubric
    def _rubric_tab(self) -> QWidget:
        w = QWidget()
        self.rubric_label = QLabel()
        self.rubric_label.setObjectName("rubricVersion")
        self.rubric_mark = QSpinBox()
        self.rubric_mark.setRange(0, 100)
        save = QPushButton(self.tr("保存为新版本"))
        save.clicked.connect(self.save_rubric)
        top = QHBoxLayout()
        top.addWidget(self.rubric_label, 1)
        top.addWidget(QLabel(self.tr("默认及格线")))
        top.addWidget(self.rubric_mark)
        top.addWidget(save)
        self.rubric_table = _table([self.tr("分区"), self.tr("分区权重"), self.tr("评分项"),
                                    self.tr("分值"), self.tr("红线")])
        self.rubric_table.setObjectName("rubricTable")
        note = QLabel(self.tr("修改分值或权重后保存为新版本；已有成绩保留原版本，不会重新评分。"))
        lay = QVBoxLayout(w)
        lay.addLayout(top)
        lay.addWidget(self.rubric_table, 1)
        lay.addWidget(note)
        return w

    def load_rubric(self) -> None:
        self._run(lambda: library.rubric(self.engine), self._on_rubric)

    def _on_rubric(self, rub: Any) -> None:
        self.rubric = rub
        self.rubric_label.setText(fill(self.tr("%1 v%2"), rub.title, rub.version))
        self.rubric_mark.setValue(int(rub.pass_mark))
        rows = [[sec.title, f"{sec.weight:g}", it.title, f"{it.points:g}",
                 self.tr("是") if it.fatal else ""] for sec in rub.sections for it in sec.items]
        _fill(self.rubric_table, rows)
        for r in range(self.rubric_table.rowCount()):
            for c in (1, 3):
                cell = self.rubric_table.item(r, c)
                cell.setFlags(cell.flags() | Qt.ItemFlag.ItemIsEditable)

    def save_rubric(self) -> None:
        from dataclasses import replace

        rub = self.rubric
        try:
            row, sections = 0, []
            for sec in rub.sections:
                weight = float(self.rubric_table.item(row, 1).text())
                items = []
                for it in sec.items:
                    items.append(replace(it, points=float(self.rubric_table.item(row, 3).text())))
                    row += 1
                sections.append(replace(sec, weight=weight, items=tuple(items)))
        except ValueError:
            self.message.emit(self.tr("分值和权重必须是数字"))
            return
        new = replace(rub, sections=tuple(sections), pass_mark=float(self.rubric_mark.value()))
        self._run(lambda: library.save_rubric(self.engine, new, actor=self.trainer),
                  lambda saved: (self.message.emit(fill(self.tr("评分表已保存为 v%1"), saved.version)),
                                 self._on_rubric(saved)))

    # ------------------------------------------------------------------ results
    def _results_tab(self) -> QWidget:
        w = QWidget()
        self.results_combo = QComboBox()
        self.results_combo.setObjectName("resultsSession")
        self.results_combo.currentIndexChanged.connect(lambda *_: self.load_results())
        export = QPushButton(self.tr("导出 Excel…（Ctrl+Shift+E）"))
        export.clicked.connect(self.choose_results_export)
        QShortcut(QKeySequence("Ctrl+Shift+E"), w, activated=self.choose_results_export)
        self.cert_count = QSpinBox()
        self.cert_count.setRange(1, 500)
        self.cert_count.setValue(10)
        self.cert_score = QSpinBox()
        self.cert_score.setRange(0, 100)
        self.cert_score.setValue(85)
        save_rule = QPushButton(self.tr("保存认证规则"))
        save_rule.clicked.connect(self.save_rule)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("场次")))
        top.addWidget(self.results_combo, 1)
        top.addWidget(QLabel(self.tr("上岗认证：通过场景数")))
        top.addWidget(self.cert_count)
        top.addWidget(QLabel(self.tr("分数 ≥")))
        top.addWidget(self.cert_score)
        top.addWidget(save_rule)
        top.addWidget(export)
        self.results_table = _table([self.tr("工号"), self.tr("姓名"), self.tr("场景"), self.tr("标题"),
                                     self.tr("得分"), self.tr("通过"), self.tr("失分项")])
        self.results_table.setObjectName("resultsTable")
        self.weak_table = _table([self.tr("薄弱项"), self.tr("失分次数"), self.tr("失分率")])
        self.weak_table.setObjectName("weakTable")
        self.trainee_table = _table([self.tr("工号"), self.tr("姓名"), self.tr("完成"), self.tr("平均分"),
                                     self.tr("通过"), self.tr("达标场景"), self.tr("可上岗")])
        self.trainee_table.setObjectName("traineeTable")
        self.trainee_table.itemSelectionChanged.connect(self.load_progress)
        self.chart = ProgressChart()
        right = QSplitter(Qt.Orientation.Vertical)
        for x in (self.weak_table, self.trainee_table, self.chart):
            right.addWidget(x)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.results_table)
        split.addWidget(right)
        split.setSizes([700, 520])
        lay = QVBoxLayout(w)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        return w

    def load_results(self) -> None:
        sid = self.results_combo.currentData()
        if not sid:
            return
        self._run(lambda: (results.session_results(self.engine, sid), results.get_rule(self.engine)),
                  self._on_results)

    def _on_results(self, found: Any) -> None:
        res, rule = found
        self.results = res
        self.cert_count.setValue(rule.min_passed)
        self.cert_score.setValue(int(rule.min_score))
        yes, no = self.tr("是"), self.tr("否")
        _fill(self.results_table, [[r.work_no, r.name, r.scenario_id, r.title, f"{r.score:g}",
                                    yes if r.passed else no,
                                    "、".join(r.failed_titles or r.failed_items)]
                                   for r in res.rows],
              [None if r.passed else STUCK_COLOR for r in res.rows])
        _fill(self.weak_table, [[w.title, f"{w.missed}/{w.applicable}", f"{w.miss_rate:.0%}"]
                                for w in res.weakest])
        _fill(self.trainee_table, [[t.work_no, t.name, t.done, "" if t.mean is None else f"{t.mean:g}",
                                    t.passed, t.certification.qualifying,
                                    yes if t.certification.ready else no] for t in res.trainees])
        if res.trainees and not self.trainee_table.selectedIndexes():
            self.trainee_table.selectRow(0)
        else:
            self.load_progress()

    def load_progress(self) -> None:
        if self.results is None:
            return
        rows = sorted({i.row() for i in self.trainee_table.selectedIndexes()})
        if not rows or rows[0] >= len(self.results.trainees):
            return
        t = self.results.trainees[rows[0]]
        mark = self.results.session.pass_mark
        self._run(lambda: results.progress(self.engine, t.work_no),
                  lambda pts: self.chart.set_data(fill(self.tr("%1 %2 历次场次平均分"), t.work_no, t.name),
                                                  [p.title for p in pts], [p.mean for p in pts], mark))

    def save_rule(self) -> None:
        rule = results.CertificationRule(self.cert_count.value(), float(self.cert_score.value()))
        self._run(lambda: results.set_rule(self.engine, rule, actor=self.trainer),
                  lambda _r: (self.message.emit(self.tr("认证规则已保存")), self.load_results()))

    def choose_results_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出成绩"), "results.xlsx",
                                              self.tr("Excel 文件 (*.xlsx)"))
        if path:
            self.export_results(path)

    def export_results(self, path: str | Path) -> None:
        res = self.results
        if res is None:
            self.message.emit(self.tr("还没有成绩可以导出"))
            return
        self._run(lambda: results.export_xlsx(res, path),
                  lambda p: self.message.emit(fill(self.tr("成绩已导出到 %1"), str(p))))


def _mmss(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 60:02d}:{s % 60:02d}" if s else ""


def _h(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
