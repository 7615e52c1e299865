<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>CaseForm</name>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="202" />
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="203" />
        <source>APP</source>
        <translation>App</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="204" />
        <source>网站</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="205" />
        <source>市长信箱</source>
        <translation>Mayor's mailbox</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="206" />
        <source>服务窗口</source>
        <translation>Service window</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/case_form.py" line="211" />
        <location filename="../../ui/case_form.ui" line="29" />
        <source>（保存后生成）</source>
        <translation>(assigned on save)</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="9" />
        <location filename="../../ui/case_form.ui" line="14" />
        <source>工单</source>
        <translation>Case</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="23" />
        <source>来源</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="27" />
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="28" />
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="34" />
        <source>来电号码</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="40" />
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="43" />
        <source>如：王女士</source>
        <translation>e.g. Ms Wang</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="46" />
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="52" />
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="55" />
        <source>街道、小区、门牌号</source>
        <translation>Street, estate, house number</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="58" />
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="62" />
        <source>输入名称或拼音，如 gjj</source>
        <translation>Name or pinyin, e.g. gjj</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="67" />
        <source>诉求内容</source>
        <translation>Request</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="71" />
        <source>来电人反映的问题（时间、地点、经过、诉求）</source>
        <translation>What the caller reports (when, where, what, what they ask)</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="74" />
        <source>办理方式</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="78" />
        <source>直接办理</source>
        <translation>Direct resolution</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="79" />
        <source>转派</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="84" />
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="89" />
        <source>时限（工作日）</source>
        <translation>Deadline (working days)</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="94" />
        <source>答复内容</source>
        <translation>Reply</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="98" />
        <source>直接办理的答复口径（可从知识库插入）</source>
        <translation>Reply for direct resolution (insert from the knowledge base)</translation>
    </message>
    <message>
        <location filename="../../ui/case_form.ui" line="106" />
        <source>保存工单</source>
        <translation>Save case</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="61" />
        <source>工单号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="61" />
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="61" />
        <source>事项</source>
        <translation>Matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="61" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="71" />
        <source>来电历史：正在查询 %1…</source>
        <translation>Caller history: looking up %1…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="73" />
        <source>来电历史：暂时无法查询（%1）</source>
        <translation>Caller history: not available now (%1)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="75" />
        <source>来电历史：%1，共 %2 件</source>
        <translation>Caller history: %1, %2 cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/history_panel.py" line="77" />
        <source>来电历史</source>
        <translation>Caller history</translation>
    </message>
</context>
<context>
    <name>KnowledgePanel</name>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="270" />
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="276" />
        <source>输入关键词，或在工单中选择事项</source>
        <translation>Type keywords, or choose a matter in the case form</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="274" />
        <source>知识库暂不可用：%1</source>
        <translation>Knowledge base unavailable: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="278" />
        <source>没有找到“%1”的相关条目</source>
        <translation>No entries found for “%1”</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="281" />
        <source>%1 条结果（%2 毫秒）</source>
        <translation>%1 results (%2 ms)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="325" />
        <source>答复口径</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="326" />
        <source>办理流程</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="327" />
        <source>所需材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="328" />
        <source>办理地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="329" />
        <source>办公时间</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="330" />
        <source>收费标准</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="331" />
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="332" />
        <source>咨询电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/knowledge_panel.py" line="333" />
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.ui" line="8" />
        <location filename="../../ui/knowledge_panel.ui" line="11" />
        <source>知识库</source>
        <translation>Knowledge base</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.ui" line="15" />
        <source>搜索知识库：关键词、拼音、来电人的说法</source>
        <translation>Search the knowledge base: keywords, pinyin, callers' words</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.ui" line="17" />
        <source>跟随工单</source>
        <translation>Follow the case</translation>
    </message>
    <message>
        <location filename="../../ui/knowledge_panel.ui" line="38" />
        <source>插入答复</source>
        <translation>Insert answer</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <location filename="../../seat_app/qt/seat/script_panel.py" line="128" />
        <source>特殊话术：%1（Ctrl+Shift+C 返回）</source>
        <translation>Special script: %1 (Ctrl+Shift+C to return)</translation>
    </message>
</context>
<context>
    <name>SeatApp</name>
    <message>
        <location filename="../../seat_app/qt/app.py" line="65" />
        <source>还没有演示数据</source>
        <translation>No demo data yet</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="67" />
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
        <location filename="../../seat_app/qt/app.py" line="72" />
        <source>现在生成</source>
        <translation>Create now</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="73" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="79" />
        <source>正在生成演示数据…</source>
        <translation>Creating demo data…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/app.py" line="96" />
        <source>生成失败</source>
        <translation>Creation failed</translation>
    </message>
</context>
<context>
    <name>SeatStatusBar</name>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="45" />
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="46" />
        <source>就绪</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="47" />
        <source>振铃</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="48" />
        <source>通话中</source>
        <translation>On call</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="49" />
        <source>话后处理</source>
        <translation>After-call work</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="50" />
        <source>小休</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="51" />
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="70" />
        <source>离线：%1 件待同步</source>
        <translation>Offline: %1 pending</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="72" />
        <source>%1 件待同步</source>
        <translation>%1 pending</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="74" />
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="76" />
        <source>同步未配置</source>
        <translation>Sync not configured</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="77" />
        <source>同步状态未知</source>
        <translation>Sync state unknown</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/status_bar.py" line="82" />
        <source>座席：%1 %2</source>
        <translation>Seat: %1 %2</translation>
    </message>
</context>
<context>
    <name>SeatWindow</name>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="255" />
        <source>接听 / 受理</source>
        <translation>Accept call / request</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="256" />
        <source>结束通话（进入话后处理）</source>
        <translation>End call (after-call work)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="257" />
        <source>整理完毕，就绪</source>
        <translation>Done, ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="258" />
        <source>小休 / 恢复就绪</source>
        <translation>Break / back to ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="259" />
        <source>保存工单</source>
        <translation>Save case</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="260" />
        <source>直接办理</source>
        <translation>Direct resolution</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="261" />
        <source>转派</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="262" />
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="263" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="264" />
        <source>选择事项</source>
        <translation>Choose matter</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="265" />
        <source>填写诉求内容</source>
        <translation>Write the request</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="266" />
        <source>搜索知识库</source>
        <translation>Search knowledge base</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="267" />
        <source>知识库结果列表</source>
        <translation>Knowledge results</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="268" />
        <source>插入答复口径</source>
        <translation>Insert answer into reply</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="269" />
        <source>来电历史</source>
        <translation>Caller history</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="270" />
        <source>下一步话术</source>
        <translation>Next script step</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="271" />
        <source>上一步话术</source>
        <translation>Previous script step</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="272" />
        <source>返回通话话术</source>
        <translation>Back to the call script</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="273" />
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="274" />
        <source>中文</source>
        <translation>中文 (Chinese)</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="275" />
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="276" />
        <location filename="../../seat_app/qt/seat/window.py" line="776" />
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="280" />
        <source>特殊话术：%1</source>
        <translation>Special script: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="287" />
        <source>运城12345 座席 — %1号</source>
        <translation>Yuncheng 12345 seat — agent %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="289" />
        <source>通话(&amp;C)</source>
        <translation>&amp;Call</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="290" />
        <source>导航(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="291" />
        <source>话术(&amp;S)</source>
        <translation>&amp;Script</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="292" />
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="293" />
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="348" />
        <source>工单尚未保存：请先保存（Ctrl+S），草稿已自动保留。</source>
        <translation>The case is not saved yet: save it first (Ctrl+S); the draft is kept.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="393" />
        <source>队列暂不可用：%1</source>
        <translation>Queue unavailable: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="421" />
        <source>来电 %1（%2）— 按 F2 接听</source>
        <translation>Call from %1 (%2) — press F2 to answer</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="423" />
        <source>网上诉求 %1（%2）— 按 F2 受理</source>
        <translation>Online request %1 (%2) — press F2 to accept</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="427" />
        <source>来电人说：%1</source>
        <translation>Caller says: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="429" />
        <source>话后处理：完成工单后按 F5 就绪</source>
        <translation>After-call work: finish the case, then F5 for ready</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="513" />
        <source>%1个工作日</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="601" />
        <source>草稿保存失败，稍后重试：%1</source>
        <translation>Draft not saved, retrying: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="605" />
        <source>草稿已自动保存 %1</source>
        <translation>Draft autosaved %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="613" />
        <source>无法读取本地草稿：%1</source>
        <translation>Cannot read local drafts: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="627" />
        <source>恢复未保存的工单</source>
        <translation>Recover unsaved cases</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="630" />
        <source>发现 %1 份上次未保存的工单草稿。是否恢复最近一份？</source>
        <translation>Found %1 unsaved case drafts from last time. Recover the newest?</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="635" />
        <source>恢复 (&amp;R)</source>
        <translation>&amp;Recover</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="636" />
        <source>放弃 (&amp;D)</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="637" />
        <source>稍后 (&amp;L)</source>
        <translation>&amp;Later</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="683" />
        <source>已恢复未保存的工单草稿，请核对后保存（Ctrl+S）。</source>
        <translation>An unsaved case draft was recovered: check it and save (Ctrl+S).</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="693" />
        <source>还不能保存，请填写：%1</source>
        <translation>Cannot save yet, please fill in: %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="699" />
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="707" />
        <source>保存失败，草稿已保留</source>
        <translation>Save failed, the draft is kept</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="708" />
        <source>工单保存失败（草稿已保留，可重试 Ctrl+S）：%1</source>
        <translation>Saving the case failed (draft kept; retry with Ctrl+S): %1</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="716" />
        <source>工单已保存</source>
        <translation>Case saved</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="719" />
        <source>工单 %1 已保存，请向来电人复述工单号。</source>
        <translation>Case %1 saved: read the case number back to the caller.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="759" />
        <source>中心数据库暂不可用：工单照常保存在本机，恢复后自动同步。</source>
        <translation>Central database unavailable: cases are saved on this seat and sync when it is back.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="774" />
        <source>所有服务均已连接。</source>
        <translation>All services are connected.</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="777" />
        <source>Seat 运城12345 座席系统</source>
        <translation>Seat — Yuncheng 12345 hotline</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="61" />
        <source>快捷键一览</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="68" />
        <source>快捷键</source>
        <translation>Shortcut</translation>
    </message>
    <message>
        <location filename="../../seat_app/qt/seat/window.py" line="69" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
</context>
</TS>