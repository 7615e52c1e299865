# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'knowledge_panel.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QHBoxLayout, QLabel,
    QLineEdit, QListView, QPushButton, QSizePolicy,
    QSpacerItem, QSplitter, QTextBrowser, QVBoxLayout,
    QWidget)

class Ui_KnowledgePanel(object):
    def setupUi(self, KnowledgePanel):
        if not KnowledgePanel.objectName():
            KnowledgePanel.setObjectName(u"KnowledgePanel")
        KnowledgePanel.resize(420, 640)
        self.outer = QVBoxLayout(KnowledgePanel)
        self.outer.setObjectName(u"outer")
        self.titleLabel = QLabel(KnowledgePanel)
        self.titleLabel.setObjectName(u"titleLabel")

        self.outer.addWidget(self.titleLabel)

        self.searchRow = QHBoxLayout()
        self.searchRow.setObjectName(u"searchRow")
        self.searchEdit = QLineEdit(KnowledgePanel)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchRow.addWidget(self.searchEdit)

        self.followForm = QCheckBox(KnowledgePanel)
        self.followForm.setObjectName(u"followForm")
        self.followForm.setChecked(True)

        self.searchRow.addWidget(self.followForm)


        self.outer.addLayout(self.searchRow)

        self.statusLabel = QLabel(KnowledgePanel)
        self.statusLabel.setObjectName(u"statusLabel")

        self.outer.addWidget(self.statusLabel)

        self.splitter = QSplitter(KnowledgePanel)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.resultList = QListView(self.splitter)
        self.resultList.setObjectName(u"resultList")
        self.resultList.setUniformItemSizes(False)
        self.resultList.setWordWrap(True)
        self.splitter.addWidget(self.resultList)
        self.entryView = QTextBrowser(self.splitter)
        self.entryView.setObjectName(u"entryView")
        self.entryView.setOpenLinks(False)
        self.splitter.addWidget(self.entryView)

        self.outer.addWidget(self.splitter)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.insertButton = QPushButton(KnowledgePanel)
        self.insertButton.setObjectName(u"insertButton")
        self.insertButton.setEnabled(False)

        self.buttonRow.addWidget(self.insertButton)


        self.outer.addLayout(self.buttonRow)


        self.retranslateUi(KnowledgePanel)

        QMetaObject.connectSlotsByName(KnowledgePanel)
    # setupUi

    def retranslateUi(self, KnowledgePanel):
        KnowledgePanel.setWindowTitle(QCoreApplication.translate("KnowledgePanel", u"\u77e5\u8bc6\u5e93", None))
        self.titleLabel.setText(QCoreApplication.translate("KnowledgePanel", u"\u77e5\u8bc6\u5e93", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("KnowledgePanel", u"\u641c\u7d22\u77e5\u8bc6\u5e93\uff1a\u5173\u952e\u8bcd\u3001\u62fc\u97f3\u3001\u6765\u7535\u4eba\u7684\u8bf4\u6cd5", None))
        self.followForm.setText(QCoreApplication.translate("KnowledgePanel", u"\u8ddf\u968f\u5de5\u5355", None))
        self.statusLabel.setText("")
        self.insertButton.setText(QCoreApplication.translate("KnowledgePanel", u"\u63d2\u5165\u7b54\u590d", None))
    # retranslateUi

