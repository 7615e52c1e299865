# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sign_in.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_SignInDialog(object):
    def setupUi(self, SignInDialog):
        if not SignInDialog.objectName():
            SignInDialog.setObjectName(u"SignInDialog")
        self.signInLayout = QVBoxLayout(SignInDialog)
        self.signInLayout.setObjectName(u"signInLayout")
        self.signInForm = QFormLayout()
        self.signInForm.setObjectName(u"signInForm")
        self.workNoLabel = QLabel(SignInDialog)
        self.workNoLabel.setObjectName(u"workNoLabel")

        self.signInForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.workNoLabel)

        self.workNoEdit = QLineEdit(SignInDialog)
        self.workNoEdit.setObjectName(u"workNoEdit")

        self.signInForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.workNoEdit)

        self.passwordLabel = QLabel(SignInDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.signInForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(SignInDialog)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.signInForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.passwordEdit)


        self.signInLayout.addLayout(self.signInForm)

        self.rememberCheck = QCheckBox(SignInDialog)
        self.rememberCheck.setObjectName(u"rememberCheck")

        self.signInLayout.addWidget(self.rememberCheck)

        self.signInMessage = QLabel(SignInDialog)
        self.signInMessage.setObjectName(u"signInMessage")
        self.signInMessage.setWordWrap(True)

        self.signInLayout.addWidget(self.signInMessage)

        self.buttonBox = QDialogButtonBox(SignInDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.signInLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.workNoLabel.setBuddy(self.workNoEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.workNoEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.rememberCheck)

        self.retranslateUi(SignInDialog)

        QMetaObject.connectSlotsByName(SignInDialog)
    # setupUi

    def retranslateUi(self, SignInDialog):
        SignInDialog.setWindowTitle(QCoreApplication.translate("SignInDialog", u"\u767b\u5f55 Seat 12345", None))
        self.workNoLabel.setText(QCoreApplication.translate("SignInDialog", u"\u5de5\u53f7", None))
        self.passwordLabel.setText(QCoreApplication.translate("SignInDialog", u"\u5bc6\u7801", None))
        self.rememberCheck.setText(QCoreApplication.translate("SignInDialog", u"\u8bb0\u4f4f\u6211\uff08\u5bc6\u7801\u4fdd\u5b58\u5728\u7cfb\u7edf\u94a5\u5319\u4e32\u4e2d\uff09", None))
        self.signInMessage.setText("")
    # retranslateUi

