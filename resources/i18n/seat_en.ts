<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>AlertCasesDialog</name>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="157"/>
        <source>工单号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="157"/>
        <source>受理时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="157"/>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="157"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="157"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="158"/>
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
</context>
<context>
    <name>AlertsInbox</name>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="277"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="277"/>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="277"/>
        <source>实际/预期</source>
        <translation>Observed/expected</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="277"/>
        <source>首件</source>
        <translation>First case</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="277"/>
        <source>末件</source>
        <translation>Last case</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="278"/>
        <source>近7天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="278"/>
        <source>来电人数</source>
        <translation>Callers</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="278"/>
        <source>工单数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="278"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="279"/>
        <source>刷新 (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="280"/>
        <source>确认 (Ctrl+Enter)</source>
        <translation>Confirm (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="280"/>
        <source>排除… (Ctrl+D)</source>
        <translation>Dismiss… (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="281"/>
        <source>督办 (Ctrl+U)</source>
        <translation>Supervise (Ctrl+U)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="282"/>
        <source>月度问题候选 (Ctrl+M)</source>
        <translation>Problem-of-the-month candidate (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="285"/>
        <source>查看工单 (Enter)</source>
        <translation>Open cases (Enter)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="286"/>
        <source>预警</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="287"/>
        <source>区域×领域热力表</source>
        <translation>Area × domain heat table</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="288"/>
        <source>趋势</source>
        <translation>Trend</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="298"/>
        <source>待处理</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="298"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="299"/>
        <source>已排除</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="299"/>
        <source>已督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="300"/>
        <source>月度问题候选</source>
        <translation>Month&apos;s problem candidate</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="303"/>
        <source>同地点聚集</source>
        <translation>Same place</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="303"/>
        <source>诉求激增</source>
        <translation>Surge</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="304"/>
        <source>持续上升</source>
        <translation>Slow rise</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="304"/>
        <source>重复来电</source>
        <translation>Repeat caller</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="305"/>
        <source>新兴话题</source>
        <translation>Emerging topic</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="310"/>
        <source>正在读取预警…</source>
        <translation>Loading alerts…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="320"/>
        <source>共 %1 条预警</source>
        <translation>%1 alerts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="367"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="368"/>
        <source>实际 %1，预期 %2；来电人 %3 位；工单 %4 件</source>
        <translation>Observed %1, expected %2; %3 callers; %4 cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="370"/>
        <source>首件 %1 · 末件 %2</source>
        <translation>First case %1 · last case %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="372"/>
        <source>典型诉求：</source>
        <translation>Typical requests:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="379"/>
        <source>排除预警</source>
        <translation>Dismiss alert</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="379"/>
        <source>排除理由（必填）：</source>
        <translation>Reason for dismissing (required):</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="385"/>
        <source>请先选择一条预警</source>
        <translation>Select an alert first</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="393"/>
        <source>排除预警请填写理由</source>
        <translation>Dismissing an alert needs a reason</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="404"/>
        <source>已记录：%1</source>
        <translation>Recorded: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="418"/>
        <source>预警工单：%1</source>
        <translation>Cases of alert: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="441"/>
        <source>本周 %1，上周 %2</source>
        <translation>This week %1, last week %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="445"/>
        <source>%1 起一周（箭头为与上周相比）</source>
        <translation>Week from %1 (arrows compare with the week before)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="467"/>
        <source>红线：每日工单；蓝带：预期范围；灰色：节假日</source>
        <translation>Red: cases a day; blue band: expected range; grey: holidays</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../seat_app/qt/widgets/quality_charts.py" line="52"/>
        <source>暂无数据</source>
        <translation>No data</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="90"/>
        <source>队列暂不可用：%1</source>
        <translation>Queue unavailable: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="137"/>
        <source>来电 %1（%2）— 按 F2 接听</source>
        <translation>Call from %1 (%2) — press F2 to answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="139"/>
        <source>网上诉求 %1（%2）— 按 F2 受理</source>
        <translation>Online request %1 (%2) — press F2 to accept</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="142"/>
        <source>来电人说：%1</source>
        <translation>Caller says: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="144"/>
        <source>话后处理：完成工单后按 F5 就绪</source>
        <translation>After-call work: finish the case, then F5 for ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/calls.py" line="175"/>
        <source>班长已将座席状态改为「%1」。</source>
        <translation>The team lead set this seat to “%1”.</translation>
    </message>
</context>
<context>
    <name>CallbackWorklist</name>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="187"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="188"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="189"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="190"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="191"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="192"/>
        <source>已拨次数</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="193"/>
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="199"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="200"/>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="201"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="206"/>
        <source>回访工作台</source>
        <translation>Callback surveys</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="208"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="210"/>
        <source>回访备注（可选）</source>
        <translation>Survey note (optional)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="214"/>
        <source>未接通</source>
        <translation>No answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="215"/>
        <source>不满意时交原承办单位重办</source>
        <translation>If dissatisfied, send back to the handling unit to redo</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="217"/>
        <source>重办原因：来电人不满意的具体内容（至少 4 个字）</source>
        <translation>Why redo: what the caller is dissatisfied with (at least 4 characters)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="219"/>
        <source>回访话术</source>
        <translation>Callback call script</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="223"/>
        <location filename="../../seat_app/qt/callback/worklist.py" line="262"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="230"/>
        <source>今日待回访（%1）</source>
        <translation>Callback surveys today (%1)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="232"/>
        <source>今日待回访</source>
        <translation>Callback surveys today</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="237"/>
        <source>今日没有待回访的工单。</source>
        <translation>No callback surveys due today.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="296"/>
        <location filename="../../seat_app/qt/callback/worklist.py" line="331"/>
        <source>请先选择一张工单。</source>
        <translation>Choose a case first.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="313"/>
        <source>已记录回访结果：%1；工单已交原承办单位重办。</source>
        <translation>Survey recorded: %1; the case goes back to the handling unit.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="315"/>
        <source>已记录回访结果：%1；工单已办结。</source>
        <translation>Survey recorded: %1; the case is closed.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/callback/worklist.py" line="342"/>
        <source>已记录未接通（第 %1 次），明天再拨。</source>
        <translation>No answer recorded (attempt %1); call again tomorrow.</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="213"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="214"/>
        <source>APP</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="215"/>
        <source>网站</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="216"/>
        <source>市长信箱</source>
        <translation>Mayor&apos;s mailbox</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="217"/>
        <source>服务窗口</source>
        <translation>Service window</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="222"/>
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
        <location filename="../../seat_app/qt/widgets/timeline.py" line="81"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="81"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="81"/>
        <source>办理人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="81"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="81"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="84"/>
        <source>工单时间线</source>
        <translation>Case timeline</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/timeline.py" line="87"/>
        <source>时间线加载失败：</source>
        <translation>Timeline not loaded: </translation>
    </message>
</context>
<context>
    <name>ConflictBadge</name>
    <message>
        <location filename="../../seat_app/qt/seat/conflicts.py" line="51"/>
        <source>冲突列表未连接本地库，暂不可用。</source>
        <translation>The conflict list needs the local store; not available now.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/conflicts.py" line="68"/>
        <source>正在保存选择…</source>
        <translation>Saving your choice…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/conflicts.py" line="78"/>
        <source>未能解决冲突：%1</source>
        <translation>Could not resolve the conflict: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/conflicts.py" line="81"/>
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
    <name>CorrectionDialog</name>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="523"/>
        <source>知识纠错</source>
        <translation>Report a KB error</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="532"/>
        <source>哪里不对？正确的应该是什么？</source>
        <translation>What is wrong? What should it say?</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="541"/>
        <source>提交 (Ctrl+Enter)</source>
        <translation>Submit (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="543"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="544"/>
        <source>条目</source>
        <translation>Entry</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="545"/>
        <source>问题(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="546"/>
        <source>说明(&amp;C)</source>
        <translation>&amp;Comment</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="565"/>
        <source>正在保存……</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="65"/>
        <source>数据保存在哪里</source>
        <translation>Where the data is kept</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="66"/>
        <source>仅本机（内置数据库，单机使用）</source>
        <translation>This computer only (embedded database, one seat)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="67"/>
        <source>中心服务器（PostgreSQL，多个座席共用）</source>
        <translation>Central server (PostgreSQL, shared by many seats)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="76"/>
        <source>仅用于测试连接，不会保存</source>
        <translation>Only for testing the connection; never saved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="77"/>
        <source>测试连接(&amp;T)</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="82"/>
        <source>服务器地址：</source>
        <translation>Server URL:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="83"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="116"/>
        <source>请先填写服务器地址。</source>
        <translation>Enter the server URL first.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="119"/>
        <source>正在连接……</source>
        <translation>Connecting…</translation>
    </message>
</context>
<context>
    <name>DeskIntakeDialog</name>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="33"/>
        <source>来电登记（座机 / 窗口 / 信件 / 信箱）</source>
        <translation>Register a call (desk phone / walk-in / letter / mailbox)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="36"/>
        <source>来电号码（电话必填）</source>
        <translation>Caller&apos;s number (required for a phone call)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="39"/>
        <source>电话（座机）</source>
        <translation>Phone (desk phone)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="39"/>
        <source>窗口来访</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="40"/>
        <source>信件</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="40"/>
        <source>信箱</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="51"/>
        <source>号码(&amp;N)</source>
        <translation>&amp;Number</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="52"/>
        <source>渠道(&amp;C)</source>
        <translation>&amp;Channel</translation>
    </message>
</context>
<context>
    <name>DraftKeeper</name>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="102"/>
        <source>草稿保存失败，稍后重试：%1</source>
        <translation>Draft not saved, retrying: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="105"/>
        <source>草稿已自动保存 %1</source>
        <translation>Draft autosaved %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="123"/>
        <source>无法读取本地草稿：%1</source>
        <translation>Cannot read local drafts: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="135"/>
        <source>恢复未保存的工单</source>
        <translation>Recover unsaved cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="137"/>
        <source>发现 %1 份上次未保存的工单草稿。是否恢复最近一份？</source>
        <translation>Found %1 unsaved case drafts from last time. Recover the newest?</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="142"/>
        <source>恢复 (&amp;R)</source>
        <translation>&amp;Recover</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="143"/>
        <source>放弃 (&amp;D)</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="144"/>
        <source>稍后 (&amp;L)</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="188"/>
        <source>已恢复未保存的工单草稿，请核对后保存（Ctrl+S）。</source>
        <translation>An unsaved case draft was recovered: check it and save (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="197"/>
        <source>还不能保存，请填写：%1</source>
        <translation>Cannot save yet, please fill in: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="208"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="217"/>
        <source>保存失败，草稿已保留</source>
        <translation>Save failed, the draft is kept</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="218"/>
        <source>工单保存失败（草稿已保留，可重试 Ctrl+S）：%1</source>
        <translation>Saving the case failed (draft kept; retry with Ctrl+S): %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="226"/>
        <source>工单已保存</source>
        <translation>Case saved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/drafts.py" line="230"/>
        <source>工单 %1 已保存，请向来电人复述工单号。</source>
        <translation>Case %1 saved: read the case number back to the caller.</translation>
    </message>
</context>
<context>
    <name>DuplicateAdvisor</name>
    <message>
        <location filename="../../seat_app/qt/seat/duplicates.py" line="108"/>
        <source>保存工单后将关联为工单 %1 的重复件（同步到中心库后生效）。</source>
        <translation>After saving, the case is linked as a duplicate of case %1 (effective once synced).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/duplicates.py" line="164"/>
        <source>工单 %1 已关联为工单 %2 的重复件（并案）。</source>
        <translation>Case %1 is linked as a duplicate of case %2 (merged).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/duplicates.py" line="169"/>
        <source>工单 %1 未能关联为重复件：%2</source>
        <translation>Case %1 could not be linked as a duplicate: %2</translation>
    </message>
</context>
<context>
    <name>DuplicateBanner</name>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="149"/>
        <source>疑似重复件：工单 %1（%2，%3）</source>
        <translation>Possible duplicate: case %1 (%2, %3)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="159"/>
        <source>将在保存并同步后关联为重复件</source>
        <translation>Linked as a duplicate after save and sync</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="162"/>
        <source>关联为重复件 (Ctrl+Shift+D)</source>
        <translation>Link as duplicate (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="164"/>
        <source>忽略 (Ctrl+Shift+X)</source>
        <translation>Ignore (Ctrl+Shift+X)</translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="145"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="145"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="145"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="146"/>
        <source>领域</source>
        <translation>Domain</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="146"/>
        <source>子类</source>
        <translation>Subcategory</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="146"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="147"/>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="147"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="147"/>
        <source>答复口径</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="148"/>
        <source>办理流程</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="148"/>
        <source>所需材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="149"/>
        <source>办理地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="149"/>
        <source>办理时间</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="150"/>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="150"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="151"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="151"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="152"/>
        <source>生效日期</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="152"/>
        <source>失效日期</source>
        <translation>Valid to</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="153"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="153"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="244"/>
        <source>Seat 首次设置</source>
        <translation>Seat first-run setup</translation>
    </message>
</context>
<context>
    <name>FolderPage</name>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="209"/>
        <location filename="../../seat_app/qt/setup/wizard.py" line="226"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="211"/>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="217"/>
        <source>工单草稿、本机数据与知识库索引保存在：</source>
        <translation>Case drafts, this computer&apos;s data and the knowledge index are kept in:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="223"/>
        <source>（由 --home 或 SEAT_HOME 指定）</source>
        <translation>(set by --home or SEAT_HOME)</translation>
    </message>
</context>
<context>
    <name>FormFollower</name>
    <message>
        <location filename="../../seat_app/qt/seat/follow.py" line="79"/>
        <source>%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/follow.py" line="157"/>
        <source>请先在来电历史中选择一张工单（Ctrl+H，上下键选择，回车查看）。</source>
        <translation>First choose a case in the caller history (Ctrl+H, arrow keys, Enter).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/follow.py" line="167"/>
        <source>未连接中心库</source>
        <translation>Central database not connected</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/follow.py" line="208"/>
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
    <name>InspectionWorkbench</name>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="90"/>
        <source>评分项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="90"/>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="90"/>
        <source>自动预检</source>
        <translation>Pre-check</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="90"/>
        <source>判定</source>
        <translation>Judgement</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="96"/>
        <source>（一票否决）</source>
        <translation> (fatal)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="103"/>
        <source>改判自动预检结论时填写理由</source>
        <translation>Reason for overriding an automatic pre-check</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="104"/>
        <source>得分：—</source>
        <translation>Score: —</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="109"/>
        <source>保存 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="111"/>
        <source>保存并发布 (Ctrl+Enter)</source>
        <translation>Save and release (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="116"/>
        <source>评分表：1 通过 · 0 不通过 · N 不适用</source>
        <translation>Form: 1 pass · 0 fail · N not applicable</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="127"/>
        <source>今日抽样</source>
        <translation>Today&apos;s sample</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="161"/>
        <source>今日抽样 %1 件</source>
        <translation>%1 cases sampled for today</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="209"/>
        <source>✔ 通过</source>
        <translation>✔ pass</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="209"/>
        <source>✘ 不通过</source>
        <translation>✘ fail</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="209"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="217"/>
        <source>（改判）</source>
        <translation> (overridden)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="285"/>
        <source>得分：—（还有 %1 项未判定）</source>
        <translation>Score: — (%1 items not judged yet)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="290"/>
        <source>得分：—（改判须填写理由）</source>
        <translation>Score: — (an override needs a reason)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="292"/>
        <source>得分：%1 · %2</source>
        <translation>Score: %1 · %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="299"/>
        <source>还有未判定的评分项：%1</source>
        <translation>Items not judged yet: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="316"/>
        <source>已保存并发布：%1 分</source>
        <translation>Saved and released: %1 points</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/workbench.py" line="316"/>
        <source>已保存：%1 分</source>
        <translation>Saved: %1 points</translation>
    </message>
</context>
<context>
    <name>IntakeChips</name>
    <message>
        <location filename="../../seat_app/qt/seat/intake_chips.py" line="155"/>
        <source>已换用新的智能分类模型。</source>
        <translation>Switched to the newly published intake model.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/intake_chips.py" line="156"/>
        <source>智能分类模型不可用，暂按知识库检索推荐事项。</source>
        <translation>The intake model is unavailable; suggesting matters from knowledge-base search.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/intake_chips.py" line="165"/>
        <source>%1 %2  %3%</source>
        <translation>%1 %2  %3%</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/intake_chips.py" line="168"/>
        <source>%1 / %2 / %3 · 依据：%4</source>
        <translation>%1 / %2 / %3 · because of: %4</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/intake_chips.py" line="186"/>
        <source>推荐事项：</source>
        <translation>Suggested matters:</translation>
    </message>
</context>
<context>
    <name>KbEditor</name>
    <message>
        <location filename="../../seat_app/qt/kb_editor/__init__.py" line="68"/>
        <source>知识库维护 — %1 %2</source>
        <translation>Knowledge base upkeep — %1 %2</translation>
    </message>
</context>
<context>
    <name>KnowledgePanel</name>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="363"/>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="369"/>
        <source>输入关键词，或在工单中选择事项</source>
        <translation>Type keywords, or choose a matter in the case form</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="367"/>
        <source>知识库暂不可用：%1</source>
        <translation>Knowledge base unavailable: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="371"/>
        <source>没有找到“%1”的相关条目</source>
        <translation>No entries found for “%1”</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="374"/>
        <source>%1 条结果（%2 毫秒）</source>
        <translation>%1 results (%2 ms)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="439"/>
        <source>答复口径</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="440"/>
        <source>办理流程</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="441"/>
        <source>所需材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="442"/>
        <source>办理地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="443"/>
        <source>办公时间</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="444"/>
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="445"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="446"/>
        <source>咨询电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="447"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="484"/>
        <source>请先打开一条知识条目，再纠错（Ctrl+Shift+J）</source>
        <translation>Open a knowledge entry first to report an error (Ctrl+Shift+J)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="509"/>
        <source>纠错已保存，同步后送达知识库编辑</source>
        <translation>Correction saved; it reaches the KB editors with the next sync</translation>
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
    <name>LanguagePage</name>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="41"/>
        <source>语言 Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="46"/>
        <source>Seat 的界面语言（以后可在菜单中切换）：</source>
        <translation>Seat&apos;s language (you can switch it later in the menu):</translation>
    </message>
</context>
<context>
    <name>LeadConsole</name>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="372"/>
        <source>班长监控台 — Seat 12345</source>
        <translation>Team lead console — Seat 12345</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="374"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="374"/>
        <location filename="../../seat_app/qt/lead/console.py" line="407"/>
        <source>排队</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="374"/>
        <source>最长等待</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="374"/>
        <source>服务水平</source>
        <translation>Service level</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="377"/>
        <location filename="../../seat_app/qt/lead/console.py" line="407"/>
        <source>今日指标</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="377"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="377"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="380"/>
        <source>座席状态分布</source>
        <translation>Seat states</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="412"/>
        <location filename="../../seat_app/qt/lead/console.py" line="510"/>
        <source>待解决的冲突（%1）</source>
        <translation>Open conflicts (%1)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="415"/>
        <source>实时监控</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="417"/>
        <source>审核台</source>
        <translation>Review desk</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="429"/>
        <source>表格 (Ctrl+T)</source>
        <translation>Table (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="429"/>
        <source>墙板 (Ctrl+T)</source>
        <translation>Wallboard (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="504"/>
        <source>无法读取冲突：</source>
        <translation>Cannot read the conflicts: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="523"/>
        <source>冲突已解决。</source>
        <translation>Conflict resolved.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="526"/>
        <source>未能解决冲突：%1</source>
        <translation>Could not resolve the conflict: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="485"/>
        <location filename="../../seat_app/qt/lead/console.py" line="538"/>
        <source>无法读取中心数据库：</source>
        <translation>Cannot read the central database: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="602"/>
        <source>显示 %1 / %2 个座席，在线 %3</source>
        <translation>Showing %1 of %2 seats, %3 signed in</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="620"/>
        <source>%1%（%2 秒内）</source>
        <translation>%1% (within %2 s)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="635"/>
        <source>受理量</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="636"/>
        <source>直接办理</source>
        <translation>Direct resolution</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="637"/>
        <source>转派</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="638"/>
        <source>未接来电</source>
        <translation>Missed calls</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="673"/>
        <source>已刷新 %1（查询 %2 ms，显示 %3 ms）</source>
        <translation>Refreshed %1 (query %2 ms, display %3 ms)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="693"/>
        <location filename="../../seat_app/qt/lead/console.py" line="700"/>
        <source>点击定位</source>
        <translation>Click to locate</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="715"/>
        <source>工单 %1：见审核台</source>
        <translation>Case %1: see the review desk</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="764"/>
        <location filename="../../seat_app/qt/lead/console.py" line="787"/>
        <source>所选座席：</source>
        <translation>Chosen seat:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="803"/>
        <source>座席 %1 已切换为“%2”</source>
        <translation>Seat %1 switched to “%2”</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="823"/>
        <source>已发送给座席 %1</source>
        <translation>Sent to seat %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="792"/>
        <location filename="../../seat_app/qt/lead/console.py" line="811"/>
        <source>请先选择座席。</source>
        <translation>Choose a seat first.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="379"/>
        <source>今日每小时受理量（虚线：上周同日）</source>
        <translation>Requests per hour today (dashed: same day last week)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="388"/>
        <source>班组(&amp;G)</source>
        <translation>Team (&amp;G)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="388"/>
        <source>状态(&amp;S)</source>
        <translation>State (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="388"/>
        <source>排序(&amp;O)</source>
        <translation>Order (&amp;O)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="392"/>
        <source>全部班组</source>
        <translation>All teams</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="393"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="397"/>
        <source>按座席号</source>
        <translation>By seat</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="398"/>
        <source>按状态</source>
        <translation>By state</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="399"/>
        <source>按状态时长</source>
        <translation>By time in state</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="400"/>
        <source>按班组</source>
        <translation>By team</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="407"/>
        <source>告警（点击定位）</source>
        <translation>Alerts (click to locate)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="814"/>
        <source>消息内容不能为空。</source>
        <translation>The message is empty.</translation>
    </message>
</context>
<context>
    <name>LeadMessages</name>
    <message>
        <location filename="../../seat_app/qt/seat/lead_messages.py" line="54"/>
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
        <location filename="../../seat_app/qt/lock/idle.py" line="69"/>
        <source>密码不正确，请重试。</source>
        <translation>Wrong password, try again.</translation>
    </message>
</context>
<context>
    <name>MessagePanel</name>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="205"/>
        <source>组长 %1</source>
        <translation>Team lead %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="208"/>
        <source>知道了 (Ctrl+Shift+M)</source>
        <translation>Got it (Ctrl+Shift+M)</translation>
    </message>
</context>
<context>
    <name>MissedCallsDialog</name>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="72"/>
        <source>未接来电回拨</source>
        <translation>Missed calls to return</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="86"/>
        <source>正在查询未接来电…</source>
        <translation>Looking up missed calls…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="89"/>
        <source>暂时无法查询：%1</source>
        <translation>Cannot look them up now: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="95"/>
        <source>%1  %2  响铃 %3 秒</source>
        <translation>%1  %2  rang %3 s</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/tel_dialogs.py" line="99"/>
        <source>%1 个未接来电待回拨（回车拨打）</source>
        <translation>%1 missed calls to return (Enter dials)</translation>
    </message>
</context>
<context>
    <name>MyEvaluations</name>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="49"/>
        <source>评分项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="49"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="49"/>
        <source>得分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="49"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="55"/>
        <source>申诉理由（至少 4 个字）</source>
        <translation>Reason for the dispute (at least 4 characters)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="56"/>
        <source>申诉此项 (Ctrl+D)</source>
        <translation>Dispute this item (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="88"/>
        <source>%1&#x3000;%2 分 %3</source>
        <translation>%1  %2 points %3</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="90"/>
        <source>（第 %1 版）</source>
        <translation> (version %1)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="92"/>
        <source>已发布的质检结果 %1 件</source>
        <translation>%1 released evaluations</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="108"/>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="108"/>
        <source>不通过</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="108"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="109"/>
        <source>部分</source>
        <translation>Partial</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="113"/>
        <source>（质检员改判：%1）</source>
        <translation> (overridden by the inspector: %1)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="126"/>
        <source>请先选择要申诉的评分项。</source>
        <translation>Choose the item to dispute first.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/my_evaluations.py" line="139"/>
        <source>已就“%1”提出第 %2 轮申诉，申诉期至 %3。</source>
        <translation>Dispute round %2 raised on &quot;%1&quot;; the window closes on %3.</translation>
    </message>
</context>
<context>
    <name>PhoneController</name>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="201"/>
        <source>正在重新连接话机…</source>
        <translation>Reconnecting the phone…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="261"/>
        <source>正在拨打 %1…</source>
        <translation>Dialling %1…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="268"/>
        <source>已转接 %1。</source>
        <translation>Transferred to %1.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="295"/>
        <source>来电 %1 — 正在查询来电人历史…</source>
        <translation>Call from %1 — looking up the caller&apos;s history…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="296"/>
        <location filename="../../seat_app/qt/seat/phone.py" line="344"/>
        <source>（无号码）</source>
        <translation>(no number)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="314"/>
        <source>来电 %1 — 历史暂时无法查询（%2）</source>
        <translation>Call from %1 — history unavailable for now (%2)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="342"/>
        <source>未知来电人</source>
        <translation>Unknown caller</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="344"/>
        <source>来电 %1 · %2</source>
        <translation>Call from %1 · %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="345"/>
        <source>历史工单 %1 件，未办结 %2 件</source>
        <translation>%1 earlier cases, %2 still open</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="347"/>
        <source>未办结：%1</source>
        <translation>Open: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="352"/>
        <source>来电记录 %1 次（未接 %2 次）</source>
        <translation>%1 earlier calls (%2 missed)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="353"/>
        <source>按 F2 接听</source>
        <translation>Press F2 to answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="366"/>
        <source>已接通 %1（F4 挂断）</source>
        <translation>Connected to %1 (F4 hangs up)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="381"/>
        <source>来电 %1 未接听即挂断（已记入未接来电）。</source>
        <translation>Call from %1 hung up before the answer (listed as a missed call).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="386"/>
        <source>来电人已挂机：请完成工单并保存（Ctrl+S）。</source>
        <translation>The caller hung up: complete the case and save it (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="397"/>
        <source>话机连接中断：%1 正在输入的工单已保留；按 F3 改用座机登记，Ctrl+Alt+R 重新连接。</source>
        <translation>Phone connection lost: %1 The case being typed is kept; press F3 for desk-phone intake, Ctrl+Alt+R to reconnect.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="422"/>
        <source>话机侧已置忙（暂停接听）：座席转为小休。</source>
        <translation>The phone side paused this seat: the seat is now on break.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="434"/>
        <source>接听</source>
        <translation>answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="442"/>
        <source>挂断</source>
        <translation>hang up</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="450"/>
        <source>恢复通话</source>
        <translation>resume</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="452"/>
        <source>保持</source>
        <translation>hold</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="459"/>
        <source>当前没有可转接的通话。</source>
        <translation>There is no call to transfer.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="463"/>
        <source>此话机不支持转接：请在座机上转接。</source>
        <translation>This phone cannot transfer: transfer on the desk phone.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="467"/>
        <source>转接 %1</source>
        <translation>transfer to %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="472"/>
        <location filename="../../seat_app/qt/seat/phone.py" line="640"/>
        <source>转接其他座席</source>
        <translation>Transfer to another seat</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="473"/>
        <source>座席号或分机号：</source>
        <translation>Seat code or extension:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="480"/>
        <source>拨打 %1</source>
        <translation>dial %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="506"/>
        <source>本座席未连接中心通话记录</source>
        <translation>This seat has no central call records</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="543"/>
        <source>请先完成当前工单再登记新的来电。</source>
        <translation>Finish the current case before registering a new call.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="555"/>
        <source>话机操作失败（%1）：%2</source>
        <translation>Phone command failed (%1): %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="590"/>
        <source>话机断开：%1（F3 座机登记）</source>
        <translation>Phone lost: %1 (F3 desk-phone intake)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="591"/>
        <source>话机未连接</source>
        <translation>Phone not connected</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="593"/>
        <source>话机：保持中（F8 恢复）</source>
        <translation>Phone: on hold (F8 resumes)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="595"/>
        <source>话机：通话中</source>
        <translation>Phone: on a call</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="597"/>
        <source>话机：振铃</source>
        <translation>Phone: ringing</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="599"/>
        <source>话机已连接</source>
        <translation>Phone connected</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="617"/>
        <source>通话记录未能保存：%1</source>
        <translation>The call record could not be saved: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="638"/>
        <source>来电登记（座机 / 窗口 / 信件 / 信箱）</source>
        <translation>Register a call (desk phone / walk-in / letter / mailbox)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="639"/>
        <source>保持 / 恢复通话</source>
        <translation>Hold / resume the call</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="641"/>
        <source>回拨来电人（拨打工单中的号码）</source>
        <translation>Call the caller back (the number in the case)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="642"/>
        <source>未接来电回拨列表</source>
        <translation>Missed calls to return</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="643"/>
        <source>重新连接话机</source>
        <translation>Reconnect the phone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/phone.py" line="646"/>
        <source>一键转接 %1</source>
        <translation>Transfer to %1 (one key)</translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="167"/>
        <source>话机</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="169"/>
        <source>座机（来电手工登记，F3）</source>
        <translation>Desk phone (register calls by hand, F3)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="170"/>
        <source>本机软电话 baresip（SIP）</source>
        <translation>Softphone on this computer: baresip (SIP)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="171"/>
        <source>呼叫中心 CTI 桥接</source>
        <translation>Call-center CTI bridge</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="174"/>
        <source>0：默认端口</source>
        <translation>0: the default port</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="178"/>
        <source>话机类型：</source>
        <translation>Telephone:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="179"/>
        <source>地址：</source>
        <translation>Host:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="180"/>
        <source>端口：</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="181"/>
        <source>外呼经由（PBX）：</source>
        <translation>Dial through (PBX):</translation>
    </message>
</context>
<context>
    <name>PracticeMode</name>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="230"/>
        <source>练习模式 — 练习数据不进入正式工单、队列和报表</source>
        <translation>Practice mode — practice data never reaches real cases, the queue or reports</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="231"/>
        <source>询问来电人（Ctrl+Shift+A）</source>
        <translation>Ask the caller (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="232"/>
        <source>提问</source>
        <translation>Ask</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="233"/>
        <source>输入要问来电人的问题，回车发送</source>
        <translation>Type a question for the caller, Enter to send</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="234"/>
        <source>询问来电人</source>
        <translation>Ask the caller</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="239"/>
        <source>练习模式</source>
        <translation>Practice mode</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="240"/>
        <source>练习模式：场景 %1 %2 — 练习工单不计入正式工单</source>
        <translation>Practice mode: scenario %1 %2 — practice cases are not real cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="259"/>
        <source>练习结束：没有更多场景。</source>
        <translation>Practice over: no more scenarios.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="267"/>
        <source>练习场景无法开始：%1</source>
        <translation>The practice scenario cannot start: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="270"/>
        <source>本场次的场景已全部完成。</source>
        <translation>Every scenario of this session is done.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="294"/>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="294"/>
        <source>我</source>
        <translation>Me</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="294"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="310"/>
        <source>接听</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="324"/>
        <source>选定转接：%1（按 F4 转出）</source>
        <translation>Transfer chosen: %1 (F4 transfers)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="335"/>
        <source>询问：%1</source>
        <translation>Asked: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="350"/>
        <source>已保存练习工单</source>
        <translation>Practice case saved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="364"/>
        <source>已转接 %1</source>
        <translation>Transferred to %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="388"/>
        <source>培训师提示：%1</source>
        <translation>Trainer&apos;s hint: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice.py" line="425"/>
        <source>练习结果保存失败：%1</source>
        <translation>The practice result could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>PracticeReviewDialog</name>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="38"/>
        <source>练习点评 — %1</source>
        <translation>Practice review — %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="43"/>
        <source>%1 分</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="44"/>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="56"/>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="44"/>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="56"/>
        <source>未通过</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="45"/>
        <source>%1（及格线 %2）· 工单 %3 · 评分表 v%4</source>
        <translation>%1 (pass mark %2) · case %3 · rubric v%4</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="49"/>
        <source>触犯红线（一票否决）：%1</source>
        <translation>Red line crossed (fails the scenario): %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="54"/>
        <source>评分项</source>
        <translation>Rubric item</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="54"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="54"/>
        <source>得分</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="55"/>
        <source>应为</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="55"/>
        <source>实际</source>
        <translation>Entered</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="56"/>
        <source>部分</source>
        <translation>Partial</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="57"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="60"/>
        <source>（红线）</source>
        <translation> (red line)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="80"/>
        <source>下一个场景（Enter）</source>
        <translation>Next scenario (Enter)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="81"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/practice_review.py" line="85"/>
        <source>关闭（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>PracticeSwitch</name>
    <message>
        <location filename="../../seat_app/qt/seat/capabilities.py" line="134"/>
        <source>练习模式不可用：未连接中心数据库。</source>
        <translation>Practice mode is not available: no connection to the central database.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/capabilities.py" line="137"/>
        <source>请先结束当前通话再进入练习模式。</source>
        <translation>Finish the current call before entering practice mode.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/capabilities.py" line="140"/>
        <source>工单尚未保存：请先保存（Ctrl+S），草稿已自动保留。</source>
        <translation>The case is not saved yet: save it first (Ctrl+S); the draft is kept.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/capabilities.py" line="149"/>
        <source>无法进入练习模式：%1</source>
        <translation>Cannot enter practice mode: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/capabilities.py" line="161"/>
        <source>请先结束当前练习通话再退出练习模式。</source>
        <translation>Finish the current practice call before leaving practice mode.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/capabilities.py" line="189"/>
        <source>已退出练习模式，座席已就绪。</source>
        <translation>Practice mode left; the seat is ready.</translation>
    </message>
</context>
<context>
    <name>QACharts</name>
    <message>
        <location filename="../../seat_app/qt/widgets/quality_charts.py" line="95"/>
        <source>按话务员</source>
        <translation>By agent</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/quality_charts.py" line="96"/>
        <source>按班组</source>
        <translation>By team</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/quality_charts.py" line="97"/>
        <source>按月份</source>
        <translation>By month</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/quality_charts.py" line="106"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/quality_charts.py" line="128"/>
        <source>质检 %1 件 · 平均分 %2 · 申诉 %3 件</source>
        <translation>%1 evaluations · mean score %2 · %3 disputes</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/quality_charts.py" line="136"/>
        <source>平均分</source>
        <translation>Mean score</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/widgets/quality_charts.py" line="139"/>
        <source>失分项帕累托（次数，折线为累计占比）</source>
        <translation>Failed items Pareto (count; line: cumulative share)</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <location filename="../../seat_app/qt/quality/windows.py" line="42"/>
        <source>质检工作台</source>
        <translation>Inspection workbench</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/windows.py" line="43"/>
        <source>质检图表</source>
        <translation>QA charts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/windows.py" line="48"/>
        <source>质检 — %1 %2</source>
        <translation>Quality inspection — %1 %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/quality/windows.py" line="72"/>
        <source>我的质检</source>
        <translation>My evaluations</translation>
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
    <name>ScenarioForm</name>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="42"/>
        <source>练习场景</source>
        <translation>Practice scenario</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="42"/>
        <source>修改练习场景（保存为新版本）</source>
        <translation>Edit practice scenario (saved as a new version)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="46"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="46"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="46"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="47"/>
        <source>技能</source>
        <translation>Skill</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="47"/>
        <source>难度</source>
        <translation>Difficulty</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="47"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="48"/>
        <source>来电人姓名</source>
        <translation>Caller&apos;s name</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="48"/>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="48"/>
        <source>情绪</source>
        <translation>Mood</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="49"/>
        <source>来电号码</source>
        <translation>Caller&apos;s number</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="49"/>
        <source>开场白</source>
        <translation>Opening line</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="50"/>
        <source>事实（每行 编号: 回答 | 关键词1,关键词2）</source>
        <translation>Facts (one a line: id: answer | keyword1,keyword2)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="51"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="51"/>
        <source>办理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="52"/>
        <source>承办单位（| 分隔）</source>
        <translation>Handling units (separated by |)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="52"/>
        <source>转接号码</source>
        <translation>Transfer number</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="53"/>
        <source>可接受的知识条目（| 分隔）</source>
        <translation>Accepted KB entries (separated by |)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="54"/>
        <source>答复要点（| 分隔）</source>
        <translation>Key facts of the reply (separated by |)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="54"/>
        <source>本场景禁语（| 分隔）</source>
        <translation>Forbidden phrases of this scenario (separated by |)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="55"/>
        <source>诉求内容（参考）</source>
        <translation>Request description (reference)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="55"/>
        <source>参考答复</source>
        <translation>Model answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="56"/>
        <source>限时（秒）</source>
        <translation>Time limit (s)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="56"/>
        <source>红线（| 分隔）</source>
        <translation>Red lines (separated by |)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="57"/>
        <source>安抚话术步骤（| 分隔）</source>
        <translation>Calming script steps (separated by |)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/scenario_form.py" line="57"/>
        <source>标签（| 分隔）</source>
        <translation>Tags (separated by |)</translation>
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
        <location filename="../../seat_app/qt/app.py" line="121"/>
        <source>还没有演示数据</source>
        <translation>No demo data yet</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="123"/>
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
        <location filename="../../seat_app/qt/app.py" line="129"/>
        <source>现在生成</source>
        <translation>Create now</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="131"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="136"/>
        <source>正在生成演示数据…</source>
        <translation>Creating demo data…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="154"/>
        <source>生成失败</source>
        <translation>Creation failed</translation>
    </message>
</context>
<context>
    <name>SeatPage</name>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="143"/>
        <source>本座席</source>
        <translation>This seat</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="150"/>
        <source>座席编号（工单号的一部分）：</source>
        <translation>Seat code (part of every case number):</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/setup/wizard.py" line="151"/>
        <source>默认区域：</source>
        <translation>Default area:</translation>
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
        <location filename="../../seat_app/qt/seat/window.py" line="230"/>
        <source>知识纠错（当前打开的知识条目）</source>
        <translation>Report a knowledge-base error (the entry shown)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="232"/>
        <source>接受推荐事项（Alt+1 / Alt+2 / Alt+3）</source>
        <translation>Accept a suggested matter (Alt+1 / Alt+2 / Alt+3)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="237"/>
        <source>接听 / 受理</source>
        <translation>Accept call / request</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="238"/>
        <source>结束通话（进入话后处理）</source>
        <translation>End call (after-call work)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="239"/>
        <source>整理完毕，就绪</source>
        <translation>Done, ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="240"/>
        <source>小休 / 恢复就绪</source>
        <translation>Break / back to ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="241"/>
        <source>保存工单</source>
        <translation>Save case</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="242"/>
        <source>直接办理</source>
        <translation>Direct resolution</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="243"/>
        <source>转派</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="244"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="245"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="246"/>
        <source>选择事项</source>
        <translation>Choose matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="247"/>
        <source>填写诉求内容</source>
        <translation>Write the request</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="248"/>
        <source>搜索知识库</source>
        <translation>Search knowledge base</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="249"/>
        <source>知识库结果列表</source>
        <translation>Knowledge results</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="250"/>
        <source>插入答复口径</source>
        <translation>Insert answer into reply</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="251"/>
        <source>来电历史</source>
        <translation>Caller history</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="252"/>
        <source>下一步话术</source>
        <translation>Next script step</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="253"/>
        <source>上一步话术</source>
        <translation>Previous script step</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="254"/>
        <source>返回通话话术</source>
        <translation>Back to the call script</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="255"/>
        <source>查看工单时间线（来电历史中选中的工单）</source>
        <translation>Case timeline (of the case chosen in the caller history)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="256"/>
        <source>关联为重复件</source>
        <translation>Link as duplicate</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="257"/>
        <source>忽略重复件提示</source>
        <translation>Ignore the duplicate hint</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="258"/>
        <source>组长消息：知道了（标为已读）</source>
        <translation>Team lead message: got it (mark read)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="259"/>
        <source>回访工作台</source>
        <translation>Callback surveys</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="260"/>
        <source>冲突与被拒收的修改（Alt+L 保留座席的值，Alt+C 保留中心的值）</source>
        <translation>Conflicts and refused changes (Alt+L keeps the seat&apos;s value, Alt+C the central value)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="261"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="262"/>
        <source>中文</source>
        <translation>中文 (Chinese)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="263"/>
        <source>进入练习模式</source>
        <translation>Enter practice mode</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="265"/>
        <source>退出练习模式</source>
        <translation>Leave practice mode</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="266"/>
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="267"/>
        <location filename="../../seat_app/qt/seat/window.py" line="456"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="271"/>
        <source>特殊话术：%1</source>
        <translation>Special script: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="275"/>
        <source>运城12345 座席 — %1号</source>
        <translation>Yuncheng 12345 seat — agent %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="277"/>
        <source>通话(&amp;C)</source>
        <translation>&amp;Call</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="278"/>
        <source>导航(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="279"/>
        <source>话术(&amp;S)</source>
        <translation>&amp;Script</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="280"/>
        <source>话后(&amp;A)</source>
        <translation>&amp;After call</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="281"/>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="282"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="314"/>
        <source>工单尚未保存：请先保存（Ctrl+S），草稿已自动保留。</source>
        <translation>The case is not saved yet: save it first (Ctrl+S); the draft is kept.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="433"/>
        <source>中心数据库暂不可用：工单照常保存在本机，恢复后自动同步。</source>
        <translation>Central database unavailable: cases are saved on this seat and sync when it is back.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="454"/>
        <source>所有服务均已连接。</source>
        <translation>All services are connected.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="457"/>
        <source>Seat 运城12345 座席系统</source>
        <translation>Seat — Yuncheng 12345 hotline</translation>
    </message>
</context>
<context>
    <name>SeatsModel</name>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="107"/>
        <source>座席</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="108"/>
        <source>话务员</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="109"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="110"/>
        <source>状态时长</source>
        <translation>Time in state</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/lead/console.py" line="111"/>
        <source>当前</source>
        <translation>Current</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="51"/>
        <source>话务员</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="52"/>
        <source>班长</source>
        <translation>Team lead</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="53"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="54"/>
        <source>培训师</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="55"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="56"/>
        <source>质检员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="57"/>
        <source>知识库编辑</source>
        <translation>KB editor</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="194"/>
        <source>班长监控台 — %1 %2</source>
        <translation>Team lead console — %1 %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="202"/>
        <source>预警</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="206"/>
        <source>质检</source>
        <translation>Quality</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="272"/>
        <source>承办单位工作台 — %1（%2 %3）</source>
        <translation>Handling unit — %1 (%2 %3)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="364"/>
        <source>无法连接中心数据库：</source>
        <translation>Cannot reach the central database: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="488"/>
        <source>工号 %1 %2（%3）</source>
        <translation>No. %1 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="540"/>
        <source>账户(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="541"/>
        <source>锁定座席</source>
        <translation>Lock the seat</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="542"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="544"/>
        <source>我的质检评价</source>
        <translation>My QA evaluations</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="545"/>
        <source>质检工作台</source>
        <translation>Quality workbench</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="546"/>
        <source>知识库维护</source>
        <translation>Knowledge maintenance</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="552"/>
        <source>中文</source>
        <translation>中文 (Chinese)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="553"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="654"/>
        <source>无法启动</source>
        <translation>Cannot start</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/shell.py" line="679"/>
        <source>演示环境：所有演示用户的密码都是 %1</source>
        <translation>Demo: every demo user&apos;s password is %1</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../seat_app/qt/seat/actions.py" line="34"/>
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/actions.py" line="41"/>
        <source>快捷键</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/actions.py" line="42"/>
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
        <location filename="../../seat_app/qt/lock/sign_in.py" line="123"/>
        <source>无法连接中心数据库：</source>
        <translation>Cannot reach the central database: </translation>
    </message>
</context>
<context>
    <name>TimelineDialog</name>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="70"/>
        <source>工单时间线 — %1</source>
        <translation>Case timeline — %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="74"/>
        <source>正在从中心库读取时间线…</source>
        <translation>Reading the timeline from the central database…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="86"/>
        <source>暂时无法读取中心库的时间线（%1）。工单已保存在本机，同步后可再查看。</source>
        <translation>The central timeline is not available now (%1). The case is saved on this seat; look again after sync.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="93"/>
        <source>工单 %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="94"/>
        <source>状态：%1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="95"/>
        <source>承办单位：%1</source>
        <translation>Handling unit: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="96"/>
        <source>办理时限：%1</source>
        <translation>Deadline: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="99"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/after_call.py" line="101"/>
        <source>剩余 %1 个工作日</source>
        <translation>%1 working days left</translation>
    </message>
</context>
<context>
    <name>Trainer</name>
    <message>
        <location filename="../../seat_app/qt/trainer/window.py" line="43"/>
        <source>培训师工作台 — %1 %2</source>
        <translation>Trainer&apos;s console — %1 %2</translation>
    </message>
</context>
<context>
    <name>TrainerConsole</name>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="117"/>
        <source>场景库</source>
        <translation>Scenario library</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="118"/>
        <source>开设场次</source>
        <translation>New session</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="119"/>
        <source>课堂实况</source>
        <translation>Live class</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="120"/>
        <source>成绩</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="121"/>
        <source>评分表</source>
        <translation>Rubric</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="162"/>
        <source>全部领域</source>
        <translation>All domains</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="166"/>
        <source>全部技能</source>
        <translation>All skills</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="172"/>
        <source>难度 ≤ </source>
        <translation>Difficulty ≤ </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="174"/>
        <source>按标题或事项筛选</source>
        <translation>Filter by title or matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="179"/>
        <source>导入…（Ctrl+I）</source>
        <translation>Import… (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="181"/>
        <source>导出…（Ctrl+E）</source>
        <translation>Export… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="183"/>
        <source>新建场景（Ctrl+N）</source>
        <translation>New scenario (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="185"/>
        <source>修改选中（Ctrl+Shift+N）</source>
        <translation>Edit selected (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="199"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="199"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="586"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="199"/>
        <source>领域</source>
        <translation>Domain</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="199"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="200"/>
        <source>技能</source>
        <translation>Skill</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="200"/>
        <source>难度</source>
        <translation>Difficulty</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="200"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="200"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="227"/>
        <source>共 %1 个场景</source>
        <translation>%1 scenario(s)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="261"/>
        <source>场景 %1 已保存</source>
        <translation>Scenario %1 saved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="273"/>
        <source>导入练习场景</source>
        <translation>Import practice scenarios</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="274"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="287"/>
        <source>场景文件 (*.xlsx *.json)</source>
        <translation>Scenario files (*.xlsx *.json)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="280"/>
        <source>已导入：新增 %1 个，更新 %2 个，未变 %3 个</source>
        <translation>Imported: %1 new, %2 updated, %3 unchanged</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="286"/>
        <source>导出练习场景</source>
        <translation>Export practice scenarios</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="293"/>
        <source>已导出 %1 个场景到 %2</source>
        <translation>Exported %1 scenario(s) to %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="299"/>
        <source>例如：新员工第3期 热线课堂</source>
        <translation>e.g. New agents, class 3 — hotline class</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="302"/>
        <source>场景库中选中的场景（按顺序）</source>
        <translation>Scenarios selected in the library (in order)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="303"/>
        <source>随机抽取</source>
        <translation>Random pick</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="326"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="330"/>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="331"/>
        <source>创建场次（Ctrl+Enter）</source>
        <translation>Create session (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="336"/>
        <source>场次名称</source>
        <translation>Session title</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="337"/>
        <source>学员</source>
        <translation>Trainees</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="338"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="402"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="586"/>
        <source>场景</source>
        <translation>Scenarios</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="340"/>
        <source>随机：领域</source>
        <translation>Random: domains</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="341"/>
        <source>随机：数量</source>
        <translation>Random: count</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="342"/>
        <source>随机：难度不超过</source>
        <translation>Random: difficulty at most</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="343"/>
        <source>及格线</source>
        <translation>Pass mark</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="344"/>
        <source>每个场景限时</source>
        <translation>Time per scenario</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="345"/>
        <source>无进展视为卡住</source>
        <translation>Stuck after no progress for</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="381"/>
        <source>已创建场次“%1”：%2 名学员，%3 个场景</source>
        <translation>Session &quot;%1&quot; created: %2 trainee(s), %3 scenario(s)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="396"/>
        <source>结束场次</source>
        <translation>Close session</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="399"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="578"/>
        <source>场次</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="402"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="586"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="591"/>
        <source>工号</source>
        <translation>Work no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="402"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="586"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="591"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="402"/>
        <source>进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="403"/>
        <source>用时</source>
        <translation>Elapsed</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="403"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="587"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="403"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="404"/>
        <source>最近操作</source>
        <translation>Last action</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="404"/>
        <source>未读提示</source>
        <translation>Unread hints</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="408"/>
        <source>给选中的学员发送提示</source>
        <translation>Send a hint to the selected trainee</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="410"/>
        <source>发送提示（Ctrl+H）</source>
        <translation>Send hint (Ctrl+H)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="433"/>
        <source>%1（%2 人，%3 个场景）</source>
        <translation>%1 (%2 trainees, %3 scenarios)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="463"/>
        <source>已完成</source>
        <translation>Finished</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="463"/>
        <source>卡住</source>
        <translation>Stuck</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="464"/>
        <source>超时</source>
        <translation>Over time</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="464"/>
        <source>进行中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="465"/>
        <source>等待</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="486"/>
        <source>请先在课堂实况中选中一名学员</source>
        <translation>Select a trainee in the live class first</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="491"/>
        <source>已向 %1 发送提示</source>
        <translation>Hint sent to %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="507"/>
        <source>保存为新版本</source>
        <translation>Save as a new version</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="511"/>
        <source>默认及格线</source>
        <translation>Default pass mark</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="514"/>
        <source>分区</source>
        <translation>Section</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="514"/>
        <source>分区权重</source>
        <translation>Section weight</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="514"/>
        <source>评分项</source>
        <translation>Rubric item</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="515"/>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="515"/>
        <source>红线</source>
        <translation>Red line</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="517"/>
        <source>修改分值或权重后保存为新版本；已有成绩保留原版本，不会重新评分。</source>
        <translation>Changed points or weights are saved as a new version; existing results keep theirs and are never rescored.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="529"/>
        <source>%1 v%2</source>
        <translation>%1 v%2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="532"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="620"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="553"/>
        <source>分值和权重必须是数字</source>
        <translation>Points and weights must be numbers</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="557"/>
        <source>评分表已保存为 v%1</source>
        <translation>Rubric saved as v%1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="566"/>
        <source>导出 Excel…（Ctrl+Shift+E）</source>
        <translation>Export Excel… (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="575"/>
        <source>保存认证规则</source>
        <translation>Save certification rule</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="580"/>
        <source>上岗认证：通过场景数</source>
        <translation>Certification: scenarios passed</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="582"/>
        <source>分数 ≥</source>
        <translation>Score ≥</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="587"/>
        <location filename="../../seat_app/qt/trainer/console.py" line="592"/>
        <source>通过</source>
        <translation>Passed</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="587"/>
        <source>失分项</source>
        <translation>Missed items</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="589"/>
        <source>薄弱项</source>
        <translation>Weakest items</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="589"/>
        <source>失分次数</source>
        <translation>Missed</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="589"/>
        <source>失分率</source>
        <translation>Miss rate</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="591"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="591"/>
        <source>平均分</source>
        <translation>Mean score</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="592"/>
        <source>达标场景</source>
        <translation>Qualifying scenarios</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="592"/>
        <source>可上岗</source>
        <translation>Ready for live calls</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="620"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="645"/>
        <source>%1 %2 历次场次平均分</source>
        <translation>%1 %2: mean score per session</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="651"/>
        <source>认证规则已保存</source>
        <translation>Certification rule saved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="654"/>
        <source>导出成绩</source>
        <translation>Export results</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="655"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="662"/>
        <source>还没有成绩可以导出</source>
        <translation>No results to export yet</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/trainer/console.py" line="665"/>
        <source>成绩已导出到 %1</source>
        <translation>Results exported to %1</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../seat_app/qt/lead/alerts.py" line="107"/>
        <source>选择一条诉求激增预警查看趋势</source>
        <translation>Pick a surge alert to see its trend</translation>
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
        <location filename="../../seat_app/qt/unit/view.py" line="164"/>
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="165"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="166"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="167"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="168"/>
        <source>剩余工作日</source>
        <translation>Working days left</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="169"/>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="174"/>
        <source>属实</source>
        <translation>True</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="175"/>
        <source>不属实</source>
        <translation>Not true</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="176"/>
        <source>已解决</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="177"/>
        <source>未解决</source>
        <translation>Not resolved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="182"/>
        <source>承办单位工作台</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="184"/>
        <source>显示已回复的工单</source>
        <translation>Show replied cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="185"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="187"/>
        <source>签收</source>
        <translation>Sign for</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="197"/>
        <source>本单位待办工单（%1）</source>
        <translation>Open cases at this unit (%1)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="199"/>
        <source>本单位待办工单</source>
        <translation>Open cases at this unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="252"/>
        <source>请选择一张工单。</source>
        <translation>Choose a case.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="260"/>
        <source>地址：</source>
        <translation>Address: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="261"/>
        <source>来电人：</source>
        <translation>Caller: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="263"/>
        <source>诉求：</source>
        <translation>Request: </translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="266"/>
        <source>延期申请待审批：%1 个工作日</source>
        <translation>Extension awaiting approval: %1 working days</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="285"/>
        <source>已签收。</source>
        <translation>Signed for.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="302"/>
        <source>回复已提交，等待热线中心审核。</source>
        <translation>Reply sent; the hotline center will review it.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="313"/>
        <source>延期申请已提交，等待热线中心审批。</source>
        <translation>Extension requested; the hotline center will decide.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="324"/>
        <source>已退件，热线中心将重新派单。</source>
        <translation>Returned; the hotline center will dispatch it again.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/unit/view.py" line="334"/>
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
<context>
    <name>Workbench</name>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="260"/>
        <source>编号、标题或关键词（Ctrl+F，回车查找）</source>
        <translation>Code, title or keyword (Ctrl+F, Enter to find)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="267"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="273"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="487"/>
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="269"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="274"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="488"/>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="273"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="388"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="500"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="534"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="547"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="273"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="534"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="274"/>
        <source>有效期</source>
        <translation>Validity</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="281"/>
        <source>新建 (Ctrl+N)</source>
        <translation>New (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="282"/>
        <source>保存草稿 (Ctrl+S)</source>
        <translation>Save draft (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="283"/>
        <source>提交审核 (Ctrl+Enter)</source>
        <translation>Send to review (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="291"/>
        <source>条目</source>
        <translation>Entries</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="315"/>
        <source>长期有效</source>
        <translation>no end date</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="318"/>
        <source>找到 %1 条</source>
        <translation>%1 found</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="362"/>
        <source>已保存草稿：%1 第 %2 版</source>
        <translation>Draft saved: %1 version %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="369"/>
        <source>有字段不符合要求，未保存（已输入的内容保留）</source>
        <translation>Some fields are not valid; nothing saved (what you typed is kept)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="380"/>
        <source>已提交审核：%1 第 %2 版</source>
        <translation>Sent to review: %1 version %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="388"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="441"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="447"/>
        <source>版本</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="388"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="441"/>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="389"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="442"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="500"/>
        <source>修改</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="393"/>
        <source>审核通过并发布 (Ctrl+P)</source>
        <translation>Approve and publish (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="394"/>
        <source>退回 (Ctrl+R)</source>
        <translation>Send back (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="398"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="442"/>
        <source>审核</source>
        <translation>Review</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="422"/>
        <source>已发布 %1 第 %2 版，座席下次同步后可检索</source>
        <translation>Published %1 version %2; seats find it after their next sync</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="430"/>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="430"/>
        <source>退回原因</source>
        <translation>Reason for sending back</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="434"/>
        <source>已退回 %1 第 %2 版</source>
        <translation>Sent back %1 version %2</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="441"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="442"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="551"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="445"/>
        <source>回退到所选版本（生成新草稿）</source>
        <translation>Roll back to the selected version (new draft)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="465"/>
        <source>已生成回退草稿（回到第 %1 版），请提交审核</source>
        <translation>Rollback draft made (back to version %1); send it to review</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="489"/>
        <source>标题/关键词含</source>
        <translation>Title/keywords contain</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="490"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="491"/>
        <source>延长天数</source>
        <translation>Days to extend</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="492"/>
        <source>新承办单位</source>
        <translation>New unit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="495"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="496"/>
        <source>生成草稿并提交审核</source>
        <translation>Make drafts and send to review</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="500"/>
        <source>问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="502"/>
        <source>批量</source>
        <translation>Bulk</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="521"/>
        <source>可执行 %1 条，被拒 %2 条，跳过 %3 条</source>
        <translation>%1 ready, %2 refused, %3 skipped</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="529"/>
        <source>已为 %1 条生成草稿并提交审核</source>
        <translation>Drafts made and sent to review for %1 entries</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="534"/>
        <source>失效日期</source>
        <translation>Valid to</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="535"/>
        <source>剩余天数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="537"/>
        <source>即将过期</source>
        <translation>Expiring soon</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="547"/>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="547"/>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="550"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="548"/>
        <source>最早</source>
        <translation>Oldest</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="550"/>
        <source>说明</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="550"/>
        <source>工号</source>
        <translation>Work no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="559"/>
        <source>处理说明（告知座席）</source>
        <translation>What was done (told to the agent)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="562"/>
        <source>处理并告知座席</source>
        <translation>Close and tell the agent</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="563"/>
        <source>修改后版本</source>
        <translation>Fixed in version</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="567"/>
        <source>纠错</source>
        <translation>Corrections</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="606"/>
        <source>已处理并告知座席 %1</source>
        <translation>Closed; seat %1 is told</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="619"/>
        <source>统计</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="620"/>
        <source>导出 .xlsx (Ctrl+E)</source>
        <translation>Export .xlsx (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="621"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="621"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="625"/>
        <source>选中一个检索词：S 回车 = 加为同义词；N = 新建条目</source>
        <translation>Select a query: S then Enter = make a synonym; N = new entry</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="627"/>
        <source>检索词</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="627"/>
        <source>次数</source>
        <translation>Searches</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="627"/>
        <source>打开</source>
        <translation>Opened</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="628"/>
        <source>插入</source>
        <translation>Inserted</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="628"/>
        <source>类别</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="630"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="630"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="633"/>
        <source>分析</source>
        <translation>Analytics</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="648"/>
        <source>日期格式应为 YYYY-MM-DD</source>
        <translation>Dates are YYYY-MM-DD</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="664"/>
        <source>未命中</source>
        <translation>missed</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="664"/>
        <source>无结果</source>
        <translation>no results</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="667"/>
        <source>插入最多：</source>
        <translation>Most inserted:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="668"/>
        <source>答复最慢：</source>
        <translation>Slowest to answer:</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="669"/>
        <source>90 天未被检索的条目</source>
        <translation>Entries not found in 90 days</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="673"/>
        <source>未命中 %1 个，无结果 %2 个</source>
        <translation>%1 missed, %2 without results</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="687"/>
        <source>加为同义词</source>
        <translation>Make a synonym</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="688"/>
        <source>“%1” 对应的规范用语</source>
        <translation>Official term for &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="693"/>
        <source>已加入同义词：%1 → %2（检索即时生效）</source>
        <translation>Synonym added: %1 → %2 (searches use it now)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="714"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/kb_editor/workbench.py" line="719"/>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
</context>
</TS>
