<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>CallController</name>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="96"/>
        <source>队列暂不可用：%1</source>
        <translation>Queue unavailable: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="143"/>
        <source>来电 %1（%2）— 按 F2 接听</source>
        <translation>Call from %1 (%2) — press F2 to answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="145"/>
        <source>网上诉求 %1（%2）— 按 F2 受理</source>
        <translation>Online request %1 (%2) — press F2 to accept</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="148"/>
        <source>来电人说：%1</source>
        <translation>Caller says: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="150"/>
        <source>话后处理：完成工单后按 F5 就绪</source>
        <translation>After-call work: finish the case, then F5 for ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="181"/>
        <source>班长已将座席状态改为「%1」。</source>
        <translation>The team lead set this seat to “%1”.</translation>
    </message>
</context>
<context>
    <name>CallbackWorklist</name>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="173"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="173"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="173"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="173"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="174"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="174"/>
        <source>已拨次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="174"/>
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="178"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="178"/>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="179"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="183"/>
        <source>回访工作台</source>
        <translation>Callback surveys</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="185"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="187"/>
        <source>回访备注（可选）</source>
        <translation>Survey note (optional)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="191"/>
        <source>未接通</source>
        <translation>No answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="192"/>
        <source>不满意时交原承办单位重办</source>
        <translation>If dissatisfied, send back to the handling unit to redo</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="193"/>
        <source>重办原因：来电人不满意的具体内容（至少 4 个字）</source>
        <translation>Why redo: what the caller is dissatisfied with (at least 4 characters)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="194"/>
        <source>回访话术</source>
        <translation>Callback call script</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="198"/>
        <location filename="../../seat_app/qt/callback/worklist.py" line="232"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="205"/>
        <source>今日待回访（%1）</source>
        <translation>Callback surveys today (%1)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="207"/>
        <source>今日待回访</source>
        <translation>Callback surveys today</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="212"/>
        <source>今日没有待回访的工单。</source>
        <translation>No callback surveys due today.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="261"/>
        <location filename="../../seat_app/qt/callback/worklist.py" line="292"/>
        <source>请先选择一张工单。</source>
        <translation>Choose a case first.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="276"/>
        <source>已记录回访结果：%1；工单已交原承办单位重办。</source>
        <translation>Survey recorded: %1; the case goes back to the handling unit.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="277"/>
        <source>已记录回访结果：%1；工单已办结。</source>
        <translation>Survey recorded: %1; the case is closed.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="302"/>
        <source>已记录未接通（第 %1 次），明天再拨。</source>
        <translation>No answer recorded (attempt %1); call again tomorrow.</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="202"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="203"/>
        <source>APP</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="204"/>
        <source>网站</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="205"/>
        <source>市长信箱</source>
        <translation>Mayor&apos;s mailbox</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="206"/>
        <source>服务窗口</source>
        <translation>Service window</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="211"/>
        <location filename="../../ui/case_form.ui" line="29"/>
        <source>（保存后生成）</source>
        <translation>(assigned on save)</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="9"/>
        <location filename="../../ui/case_form.ui" line="14"/>
        <source>工单</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="23"/>
        <source>来源</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="27"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="28"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="34"/>
        <source>来电号码</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="40"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="43"/>
        <source>如：王女士</source>
        <translation>e.g. Ms Wang</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="46"/>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="52"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="55"/>
        <source>街道、小区、门牌号</source>
        <translation>Street, estate, house number</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="58"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="62"/>
        <source>输入名称或拼音，如 gjj</source>
        <translation>Name or pinyin, e.g. gjj</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="67"/>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="71"/>
        <source>来电人反映的问题（时间、地点、经过、诉求）</source>
        <translation>What the caller reports (when, where, what, what they ask)</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="74"/>
        <source>办理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="78"/>
        <source>直接办理</source>
        <translation>Direct resolution</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="79"/>
        <source>转派</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="84"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="89"/>
        <source>时限（工作日）</source>
        <translation>Deadline (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="94"/>
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="98"/>
        <source>直接办理的答复口径（可从知识库插入）</source>
        <translation>Reply for direct resolution (insert from the knowledge base)</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="106"/>
        <source>保存工单</source>
        <translation>Save case</translation>
    </message>
</context>
<context>
    <name>CaseTimeline</name>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="78"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="78"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="78"/>
        <source>办理人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="78"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="78"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="81"/>
        <source>工单时间线</source>
        <translation>Case timeline</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="84"/>
        <source>时间线加载失败：</source>
        <translation>Timeline not loaded: </translation>
    </message>
</context>
<context>
    <name>ConflictBadge</name>
    <message>
        <location filename="../../seat_app/qt/seat/conflicts.py" line="55"/>
        <source>冲突列表未连接本地库，暂不可用。</source>
        <translation>The conflict list needs the local store; not available now.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/conflicts.py" line="72"/>
        <source>正在保存选择…</source>
        <translation>Saving your choice…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/conflicts.py" line="82"/>
        <source>未能解决冲突：%1</source>
        <translation>Could not resolve the conflict: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/conflicts.py" line="85"/>
        <source>已保存选择，正在同步到中心库。</source>
        <translation>Choice saved; syncing it to the central database.</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="191"/>
        <source>冲突与被拒收的修改</source>
        <translation>Conflicts and refused changes</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="192"/>
        <source>中心拒收的修改（保存在本机，未上传）</source>
        <translation>Changes the central database refused (kept on this seat, not sent)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="194"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="194"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="194"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="194"/>
        <source>拒收原因</source>
        <translation>Reason refused</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="204"/>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="204"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="205"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="222"/>
        <source>%1 处冲突：中心保留了它的值，本座席的值在这里等待选择。%2 项修改被中心拒收。</source>
        <translation>%1 conflict(s): the central database kept its value; this seat&apos;s value waits here for your choice. %2 change(s) refused centrally.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="225"/>
        <source>没有待解决的冲突，也没有被拒收的修改。</source>
        <translation>No open conflicts and no refused changes.</translation>
    </message>
</context>
<context>
    <name>ConflictTable</name>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="92"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="92"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="94"/>
        <source>座席</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="95"/>
        <source>座席的值</source>
        <translation>Seat&apos;s value</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="95"/>
        <source>中心的值</source>
        <translation>Central value</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="97"/>
        <source>保留座席的值 (Alt+L)</source>
        <translation>Keep the seat&apos;s value (Alt+L)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="98"/>
        <source>保留中心的值 (Alt+C)</source>
        <translation>Keep the central value (Alt+C)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="99"/>
        <source>冲突：保留座席的值</source>
        <translation>Conflict: keep the seat&apos;s value</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/conflicts_view.py" line="100"/>
        <source>冲突：保留中心的值</source>
        <translation>Conflict: keep the central value</translation>
    </message>
</context>
<context>
    <name>ConsoleControls</name>
    <message>
        <location filename="../../ui/console_controls.ui" line="10"/>
        <source>所选座席：</source>
        <translation>Chosen seat:</translation>
    </message>
    <message>
        <location filename="../../ui/console_controls.ui" line="12"/>
        <source>强制切换状态</source>
        <translation>Force state</translation>
    </message>
    <message>
        <location filename="../../ui/console_controls.ui" line="13"/>
        <source>给所选座席发消息…</source>
        <translation>Message to the chosen seat…</translation>
    </message>
    <message>
        <location filename="../../ui/console_controls.ui" line="14"/>
        <source>发送</source>
        <translation>Send</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="104"/>
        <source>草稿保存失败，稍后重试：%1</source>
        <translation>Draft not saved, retrying: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="107"/>
        <source>草稿已自动保存 %1</source>
        <translation>Draft autosaved %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="125"/>
        <source>无法读取本地草稿：%1</source>
        <translation>Cannot read local drafts: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="137"/>
        <source>恢复未保存的工单</source>
        <translation>Recover unsaved cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="139"/>
        <source>发现 %1 份上次未保存的工单草稿。是否恢复最近一份？</source>
        <translation>Found %1 unsaved case drafts from last time. Recover the newest?</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="144"/>
        <source>恢复 (&amp;R)</source>
        <translation>&amp;Recover</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="145"/>
        <source>放弃 (&amp;D)</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="146"/>
        <source>稍后 (&amp;L)</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="178"/>
        <source>还不能保存，请填写：%1</source>
        <translation>Cannot save yet, please fill in: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="189"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="198"/>
        <source>保存失败，草稿已保留</source>
        <translation>Save failed, the draft is kept</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="199"/>
        <source>工单保存失败（草稿已保留，可重试 Ctrl+S）：%1</source>
        <translation>Saving the case failed (draft kept; retry with Ctrl+S): %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="208"/>
        <source>工单已保存</source>
        <translation>Case saved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="211"/>
        <source>工单 %1 已保存，请向来电人复述工单号。</source>
        <translation>Case %1 saved: read the case number back to the caller.</translation>
    </message>
</context>
<context>
    <name>DuplicateAdvisor</name>
    <message>
        <location filename="../../seat_app/qt/seat/duplicates.py" line="121"/>
        <source>保存工单后将关联为工单 %1 的重复件（同步到中心库后生效）。</source>
        <translation>After saving, the case is linked as a duplicate of case %1 (effective once synced).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/duplicates.py" line="184"/>
        <source>工单 %1 已关联为工单 %2 的重复件（并案）。</source>
        <translation>Case %1 is linked as a duplicate of case %2 (merged).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/duplicates.py" line="188"/>
        <source>工单 %1 未能关联为重复件：%2</source>
        <translation>Case %1 could not be linked as a duplicate: %2</translation>
    </message>
</context>
<context>
    <name>DuplicateBanner</name>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="148"/>
        <source>疑似重复件：工单 %1（%2，%3）</source>
        <translation>Possible duplicate: case %1 (%2, %3)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="158"/>
        <source>将在保存并同步后关联为重复件</source>
        <translation>Linked as a duplicate after save and sync</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="161"/>
        <source>关联为重复件 (Ctrl+Shift+D)</source>
        <translation>Link as duplicate (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="163"/>
        <source>忽略 (Ctrl+Shift+X)</source>
        <translation>Ignore (Ctrl+Shift+X)</translation>
    </message>
</context>
<context>
    <name>FormFollower</name>
    <message>
        <location filename="../../seat_app/qt/seat/follow.py" line="71"/>
        <source>%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/follow.py" line="140"/>
        <source>请先在来电历史中选择一张工单（Ctrl+H，上下键选择，回车查看）。</source>
        <translation>First choose a case in the caller history (Ctrl+H, arrow keys, Enter).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/follow.py" line="149"/>
        <source>未连接中心库</source>
        <translation>Central database not connected</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/follow.py" line="169"/>
        <source>回访工作台未连接中心库，暂不可用。</source>
        <translation>Callback surveys need the central database; not available now.</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="61"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="61"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="61"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="61"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="71"/>
        <source>来电历史：正在查询 %1…</source>
        <translation>Caller history: looking up %1…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="73"/>
        <source>来电历史：暂时无法查询（%1）</source>
        <translation>Caller history: not available now (%1)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="75"/>
        <source>来电历史：%1，共 %2 件</source>
        <translation>Caller history: %1, %2 cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="77"/>
        <source>来电历史</source>
        <translation>Caller history</translation>
    </message>
</context>
<context>
    <name>KnowledgePanel</name>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="302"/>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="308"/>
        <source>输入关键词，或在工单中选择事项</source>
        <translation>Type keywords, or choose a matter in the case form</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="306"/>
        <source>知识库暂不可用：%1</source>
        <translation>Knowledge base unavailable: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="310"/>
        <source>没有找到“%1”的相关条目</source>
        <translation>No entries found for “%1”</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="313"/>
        <source>%1 条结果（%2 毫秒）</source>
        <translation>%1 results (%2 ms)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="357"/>
        <source>答复口径</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="358"/>
        <source>办理流程</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="359"/>
        <source>所需材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="360"/>
        <source>办理地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="361"/>
        <source>办公时间</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="362"/>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="363"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="364"/>
        <source>咨询电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="365"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.ui" line="8"/>
        <location filename="../../ui/knowledge_panel.ui" line="11"/>
        <source>知识库</source>
        <translation>Knowledge base</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.ui" line="15"/>
        <source>搜索知识库：关键词、拼音、来电人的说法</source>
        <translation>Search the knowledge base: keywords, pinyin, callers&apos; words</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.ui" line="17"/>
        <source>跟随工单</source>
        <translation>Follow the case</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.ui" line="38"/>
        <source>插入答复</source>
        <translation>Insert answer</translation>
    </message>
</context>
<context>
    <name>LeadConsole</name>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="221"/>
        <source>班长监控台 — Seat 12345</source>
        <translation>Team lead console — Seat 12345</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="222"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="222"/>
        <location filename="../../seat_app/qt/lead/console.py" line="233"/>
        <source>排队</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="223"/>
        <source>最长等待</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="224"/>
        <location filename="../../seat_app/qt/lead/console.py" line="233"/>
        <source>今日指标</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="224"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="225"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="226"/>
        <source>今日每小时受理量</source>
        <translation>Cases accepted per hour today</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="227"/>
        <source>座席状态分布</source>
        <translation>Seat states</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="233"/>
        <source>告警</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="237"/>
        <location filename="../../seat_app/qt/lead/console.py" line="292"/>
        <source>待解决的冲突（%1）</source>
        <translation>Open conflicts (%1)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="240"/>
        <source>实时监控</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="241"/>
        <source>审核台</source>
        <translation>Review desk</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="287"/>
        <source>无法读取冲突：</source>
        <translation>Cannot read the conflicts: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="304"/>
        <source>冲突已解决。</source>
        <translation>Conflict resolved.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="307"/>
        <source>未能解决冲突：%1</source>
        <translation>Could not resolve the conflict: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="317"/>
        <source>无法读取中心数据库：</source>
        <translation>Cannot read the central database: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="332"/>
        <source>受理量</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="333"/>
        <source>直接办理</source>
        <translation>Direct resolution</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="334"/>
        <source>转派</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="335"/>
        <source>未接来电</source>
        <translation>Missed calls</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="356"/>
        <source>已刷新 %1（查询 %2 ms，显示 %3 ms）</source>
        <translation>Refreshed %1 (query %2 ms, display %3 ms)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="395"/>
        <source>座席 %1 已切换为“%2”</source>
        <translation>Seat %1 switched to “%2”</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="413"/>
        <source>已发送给座席 %1</source>
        <translation>Sent to seat %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="386"/>
        <location filename="../../seat_app/qt/lead/console.py" line="401"/>
        <source>请先选择座席。</source>
        <translation>Choose a seat first.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="404"/>
        <source>消息内容不能为空。</source>
        <translation>The message is empty.</translation>
    </message>
</context>
<context>
    <name>LeadMessages</name>
    <message>
        <location filename="../../seat_app/qt/seat/lead_messages.py" line="58"/>
        <source>暂时无法把组长消息标为已读，稍后再试（Ctrl+Shift+M）。</source>
        <translation>Cannot mark the team lead&apos;s message read now; try again later (Ctrl+Shift+M).</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <location filename="../../ui/lock_panel.ui" line="14"/>
        <source>座席已锁定</source>
        <translation>Seat locked</translation>
    </message>
    <message>
        <location filename="../../ui/lock_panel.ui" line="27"/>
        <source>输入密码解锁</source>
        <translation>Type your password to unlock</translation>
    </message>
    <message>
        <location filename="../../ui/lock_panel.ui" line="33"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lock/idle.py" line="60"/>
        <source>密码不正确，请重试。</source>
        <translation>Wrong password, try again.</translation>
    </message>
</context>
<context>
    <name>MessagePanel</name>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="204"/>
        <source>组长 %1</source>
        <translation>Team lead %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="207"/>
        <source>知道了 (Ctrl+Shift+M)</source>
        <translation>Got it (Ctrl+Shift+M)</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <location filename="../../ui/review_actions.ui" line="12"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="15"/>
        <source>理由（驳回、退回、拒绝延期时必填）：</source>
        <translation>Reason (required to reject, send back or refuse an extension):</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="20"/>
        <source>写明理由，单位将看到这段话</source>
        <translation>Write the reason; the unit will see it</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="23"/>
        <source>预审通过并派发</source>
        <translation>Approve and dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="24"/>
        <source>预审驳回</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="25"/>
        <source>回复审核通过</source>
        <translation>Approve reply</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="26"/>
        <source>退回重办</source>
        <translation>Send back to redo</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="27"/>
        <source>批准延期</source>
        <translation>Grant extension</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="28"/>
        <source>驳回延期</source>
        <translation>Refuse extension</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="30"/>
        <source>标记为不合理诉求</source>
        <translation>Flag as an unreasonable request</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="36"/>
        <location filename="../../ui/review_actions.ui" line="46"/>
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="38"/>
        <source>级别：</source>
        <translation>Level:</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="43"/>
        <source>督办原因（至少 4 个字）</source>
        <translation>Reason for supervision (at least 4 characters)</translation>
    </message>
    <message>
        <location filename="../../ui/review_actions.ui" line="47"/>
        <source>升级督办</source>
        <translation>Escalate supervision</translation>
    </message>
</context>
<context>
    <name>ReviewDesk</name>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="211"/>
        <source>派发座席转派工单</source>
        <translation>Dispatch the agents&apos; cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="212"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="219"/>
        <source>工单编号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="219"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="219"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="219"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="220"/>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="220"/>
        <source>剩余工作日</source>
        <translation>Working days left</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="220"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="256"/>
        <source>无法读取审核列表：</source>
        <translation>Cannot read the review list: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="272"/>
        <source>已刷新 %1（%2 ms）</source>
        <translation>Refreshed %1 (%2 ms)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="304"/>
        <source>申请延期 %1 个工作日：%2</source>
        <translation>Extension of %1 working days requested: %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="309"/>
        <source>受理于 %1</source>
        <translation>Accepted %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="442"/>
        <source>已派发 %1 件，送预审 %2 件，未派 %3 件。</source>
        <translation>Dispatched %1, sent to review %2, not dispatched %3.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="286"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="356"/>
        <source>请选择一张工单。</source>
        <translation>Choose a case.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="360"/>
        <source>承办单位：</source>
        <translation>Handling unit: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="363"/>
        <source>办理时限：</source>
        <translation>Deadline: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="394"/>
        <source>预审通过，已派发承办单位。</source>
        <translation>Approved and dispatched to the handling unit.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="399"/>
        <source>已驳回预审，工单退回待派。</source>
        <translation>Rejected; the case is back to be dispatched.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="403"/>
        <source>回复已审核通过，进入回访。</source>
        <translation>Reply approved; the case goes to the callback survey.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="408"/>
        <source>回复已退回承办单位重办。</source>
        <translation>Reply sent back to the handling unit to redo.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="412"/>
        <source>已批准延期，时限已顺延。</source>
        <translation>Extension granted; the deadline moved.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="412"/>
        <source>已驳回延期申请。</source>
        <translation>Extension refused.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="421"/>
        <source>已督办。</source>
        <translation>Under supervision.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="426"/>
        <source>已升级督办。</source>
        <translation>Supervision escalated.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="433"/>
        <source>已标记为不合理诉求并办结，不派发承办单位。</source>
        <translation>Flagged as an unreasonable request and closed; no unit is burdened.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/review_desk.py" line="456"/>
        <source>请先选择一张工单。</source>
        <translation>Choose a case first.</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <location filename="../../seat_app/qt/seat/script_panel.py" line="131"/>
        <source>特殊话术：%1（Ctrl+Shift+C 返回）</source>
        <translation>Special script: %1 (Ctrl+Shift+C to return)</translation>
    </message>
</context>
<context>
    <name>SeatApp</name>
    <message>
        <location filename="../../seat_app/qt/app.py" line="108"/>
        <source>还没有演示数据</source>
        <translation>No demo data yet</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="110"/>
        <source>数据目录 %1 中还没有演示数据。

可以在终端运行：
    seat-admin demo init
或者现在就生成（约一分钟）。</source>
        <translation>The data folder %1 holds no demo data yet.

Run in a terminal:
    seat-admin demo init
or create it now (about a minute).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="115"/>
        <source>现在生成</source>
        <translation>Create now</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="116"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="123"/>
        <source>正在生成演示数据…</source>
        <translation>Creating demo data…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="140"/>
        <source>生成失败</source>
        <translation>Creation failed</translation>
    </message>
</context>
<context>
    <name>SeatState</name>
    <message>
        <location filename="../../seat_app/qt/i18n.py" line="93"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/i18n.py" line="94"/>
        <source>就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/i18n.py" line="95"/>
        <source>振铃</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/i18n.py" line="96"/>
        <source>通话中</source>
        <translation>On call</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/i18n.py" line="97"/>
        <source>话后处理</source>
        <translation>After-call work</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/i18n.py" line="98"/>
        <source>小休</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/i18n.py" line="99"/>
        <source>培训</source>
        <translation>Training</translation>
    </message>
</context>
<context>
    <name>SeatStatusBar</name>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="65"/>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="66"/>
        <source>就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="67"/>
        <source>振铃</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="68"/>
        <source>通话中</source>
        <translation>On call</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="69"/>
        <source>话后处理</source>
        <translation>After-call work</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="70"/>
        <source>小休</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="71"/>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="100"/>
        <source>%1 处冲突</source>
        <translation>%1 conflict(s)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="102"/>
        <source>%1 项被拒收</source>
        <translation>%1 refused</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="108"/>
        <source>离线：%1 件待同步</source>
        <translation>Offline: %1 pending</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="110"/>
        <source>%1 件待同步</source>
        <translation>%1 pending</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="112"/>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="114"/>
        <source>同步未配置</source>
        <translation>Sync not configured</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="115"/>
        <source>同步状态未知</source>
        <translation>Sync state unknown</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="120"/>
        <source>座席：%1 %2</source>
        <translation>Seat: %1 %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="127"/>
        <source>组长消息 %1</source>
        <translation>Team lead message %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="131"/>
        <source>查看并解决（Ctrl+Shift+R）</source>
        <translation>Review and resolve (Ctrl+Shift+R)</translation>
    </message>
</context>
<context>
    <name>SeatWindow</name>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="194"/>
        <source>接听 / 受理</source>
        <translation>Accept call / request</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="195"/>
        <source>结束通话（进入话后处理）</source>
        <translation>End call (after-call work)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="196"/>
        <source>整理完毕，就绪</source>
        <translation>Done, ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="197"/>
        <source>小休 / 恢复就绪</source>
        <translation>Break / back to ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="198"/>
        <source>保存工单</source>
        <translation>Save case</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="199"/>
        <source>直接办理</source>
        <translation>Direct resolution</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="200"/>
        <source>转派</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="201"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="202"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="203"/>
        <source>选择事项</source>
        <translation>Choose matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="204"/>
        <source>填写诉求内容</source>
        <translation>Write the request</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="205"/>
        <source>搜索知识库</source>
        <translation>Search knowledge base</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="206"/>
        <source>知识库结果列表</source>
        <translation>Knowledge results</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="207"/>
        <source>插入答复口径</source>
        <translation>Insert answer into reply</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="208"/>
        <source>来电历史</source>
        <translation>Caller history</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="209"/>
        <source>下一步话术</source>
        <translation>Next script step</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="210"/>
        <source>上一步话术</source>
        <translation>Previous script step</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="211"/>
        <source>返回通话话术</source>
        <translation>Back to the call script</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="212"/>
        <source>查看工单时间线（来电历史中选中的工单）</source>
        <translation>Case timeline (of the case chosen in the caller history)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="213"/>
        <source>关联为重复件</source>
        <translation>Link as duplicate</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="214"/>
        <source>忽略重复件提示</source>
        <translation>Ignore the duplicate hint</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="215"/>
        <source>组长消息：知道了（标为已读）</source>
        <translation>Team lead message: got it (mark read)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="216"/>
        <source>回访工作台</source>
        <translation>Callback surveys</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="217"/>
        <source>冲突与被拒收的修改（Alt+L 保留座席的值，Alt+C 保留中心的值）</source>
        <translation>Conflicts and refused changes (Alt+L keeps the seat&apos;s value, Alt+C the central value)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="218"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="219"/>
        <source>中文</source>
        <translation>中文 (Chinese)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="220"/>
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="221"/>
        <location filename="../../seat_app/qt/seat/window.py" line="430"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="225"/>
        <source>特殊话术：%1</source>
        <translation>Special script: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="229"/>
        <source>运城12345 座席 — %1号</source>
        <translation>Yuncheng 12345 seat — agent %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="230"/>
        <source>通话(&amp;C)</source>
        <translation>&amp;Call</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="230"/>
        <source>导航(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="230"/>
        <source>话术(&amp;S)</source>
        <translation>&amp;Script</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="231"/>
        <source>话后(&amp;A)</source>
        <translation>&amp;After call</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="231"/>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="231"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="270"/>
        <source>工单尚未保存：请先保存（Ctrl+S），草稿已自动保留。</source>
        <translation>The case is not saved yet: save it first (Ctrl+S); the draft is kept.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="335"/>
        <source>已恢复未保存的工单草稿，请核对后保存（Ctrl+S）。</source>
        <translation>An unsaved case draft was recovered: check it and save (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="407"/>
        <source>中心数据库暂不可用：工单照常保存在本机，恢复后自动同步。</source>
        <translation>Central database unavailable: cases are saved on this seat and sync when it is back.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="428"/>
        <source>所有服务均已连接。</source>
        <translation>All services are connected.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="431"/>
        <source>Seat 运城12345 座席系统</source>
        <translation>Seat — Yuncheng 12345 hotline</translation>
    </message>
</context>
<context>
    <name>SeatsModel</name>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="60"/>
        <source>座席</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="60"/>
        <source>话务员</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="61"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="61"/>
        <source>状态时长</source>
        <translation>Time in state</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="62"/>
        <source>当前</source>
        <translation>Current</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="50"/>
        <source>话务员</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="51"/>
        <source>班长</source>
        <translation>Team lead</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="52"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="53"/>
        <source>培训师</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="54"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="55"/>
        <source>质检员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="56"/>
        <source>知识库编辑</source>
        <translation>KB editor</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="174"/>
        <source>班长监控台 — %1 %2</source>
        <translation>Team lead console — %1 %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="205"/>
        <source>承办单位工作台 — %1（%2 %3）</source>
        <translation>Handling unit — %1 (%2 %3)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="274"/>
        <source>无法连接中心数据库：</source>
        <translation>Cannot reach the central database: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="372"/>
        <source>工号 %1 %2（%3）</source>
        <translation>No. %1 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="414"/>
        <source>账户(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="415"/>
        <source>锁定座席</source>
        <translation>Lock the seat</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="416"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="418"/>
        <source>中文</source>
        <translation>中文 (Chinese)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="419"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="500"/>
        <source>无法启动</source>
        <translation>Cannot start</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="526"/>
        <source>演示环境：所有演示用户的密码都是 %1</source>
        <translation>Demo: every demo user&apos;s password is %1</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../seat_app/qt/seat/actions.py" line="24"/>
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/actions.py" line="31"/>
        <source>快捷键</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/actions.py" line="32"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/sign_in.ui" line="5"/>
        <source>登录 Seat 12345</source>
        <translation>Sign in to Seat 12345</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="33"/>
        <source>记住我（密码保存在系统钥匙串中）</source>
        <translation>Remember me (the password is kept in the system keyring)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="11"/>
        <source>工号</source>
        <translation>Work number</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.ui" line="20"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lock/sign_in.py" line="87"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lock/sign_in.py" line="88"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lock/sign_in.py" line="111"/>
        <source>请输入工号和密码。</source>
        <translation>Enter your work number and password.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lock/sign_in.py" line="125"/>
        <source>无法连接中心数据库：</source>
        <translation>Cannot reach the central database: </translation>
    </message>
</context>
<context>
    <name>TimelineDialog</name>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="69"/>
        <source>工单时间线 — %1</source>
        <translation>Case timeline — %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="73"/>
        <source>正在从中心库读取时间线…</source>
        <translation>Reading the timeline from the central database…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="85"/>
        <source>暂时无法读取中心库的时间线（%1）。工单已保存在本机，同步后可再查看。</source>
        <translation>The central timeline is not available now (%1). The case is saved on this seat; look again after sync.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="92"/>
        <source>工单 %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="93"/>
        <source>状态：%1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="94"/>
        <source>承办单位：%1</source>
        <translation>Handling unit: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="95"/>
        <source>办理时限：%1</source>
        <translation>Deadline: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="98"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="100"/>
        <source>剩余 %1 个工作日</source>
        <translation>%1 working days left</translation>
    </message>
</context>
<context>
    <name>UnitReplyForm</name>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="12"/>
        <source>办理回复</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="15"/>
        <source>核查结果</source>
        <translation>Finding</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="24"/>
        <source>办理情况</source>
        <translation>Handling notes</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="28"/>
        <source>办理情况：如何核查、如何处理、未解决的原因（至少 10 个字）</source>
        <translation>How it was checked and handled, or why it is not resolved (at least 10 characters)</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="32"/>
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="36"/>
        <source>答复群众的内容，可向来电人宣读（至少 10 个字）</source>
        <translation>The reply to the citizen, to be read to the caller (at least 10 characters)</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="40"/>
        <source>提交回复</source>
        <translation>Send reply</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="47"/>
        <source>申请延期</source>
        <translation>Request an extension</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="50"/>
        <source>延期天数</source>
        <translation>Extra days</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="54"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="60"/>
        <source>延期理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="68"/>
        <source>提交延期申请</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="75"/>
        <source>退件（非本单位职责）</source>
        <translation>Return (not this unit&apos;s duty)</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="80"/>
        <source>退件理由，建议的承办单位（至少 6 个字）</source>
        <translation>Why it is returned, and the handling unit you suggest (at least 6 characters)</translation>
    </message>
    <message>
        <location filename="../../ui/unit_reply_form.ui" line="84"/>
        <source>退件</source>
        <translation>Return</translation>
    </message>
</context>
<context>
    <name>UnitView</name>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="162"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="162"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="162"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="162"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="163"/>
        <source>剩余工作日</source>
        <translation>Working days left</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="163"/>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="167"/>
        <source>属实</source>
        <translation>True</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="167"/>
        <source>不属实</source>
        <translation>Not true</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="168"/>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="168"/>
        <source>未解决</source>
        <translation>Not resolved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="173"/>
        <source>承办单位工作台</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="175"/>
        <source>显示已回复的工单</source>
        <translation>Show replied cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="176"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="178"/>
        <source>签收</source>
        <translation>Sign for</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="188"/>
        <source>本单位待办工单（%1）</source>
        <translation>Open cases at this unit (%1)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="190"/>
        <source>本单位待办工单</source>
        <translation>Open cases at this unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="237"/>
        <source>请选择一张工单。</source>
        <translation>Choose a case.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="243"/>
        <source>地址：</source>
        <translation>Address: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="244"/>
        <source>来电人：</source>
        <translation>Caller: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="245"/>
        <source>诉求：</source>
        <translation>Request: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="248"/>
        <source>延期申请待审批：%1 个工作日</source>
        <translation>Extension awaiting approval: %1 working days</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="265"/>
        <source>已签收。</source>
        <translation>Signed for.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="275"/>
        <source>回复已提交，等待热线中心审核。</source>
        <translation>Reply sent; the hotline center will review it.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="285"/>
        <source>延期申请已提交，等待热线中心审批。</source>
        <translation>Extension requested; the hotline center will decide.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="293"/>
        <source>已退件，热线中心将重新派单。</source>
        <translation>Returned; the hotline center will dispatch it again.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="300"/>
        <source>请先选择一张工单。</source>
        <translation>Choose a case first.</translation>
    </message>
</context>
<context>
    <name>UserMessage</name>
    <message>
        <location filename="../../seat_app/qt/i18n.py" line="89"/>
        <source>操作失败：%1</source>
        <translation>Failed: %1</translation>
    </message>
</context>
</TS>
