; Seat: the Windows installer (NSIS 3, Unicode), per machine.
;
;   makensis -DVERSION=0.1.0 -DPAYLOAD=..\..\build\dist\seat -DOUTFILE=seat-0.1.0-setup.exe seat.nsi
;
; IT deploys it silently:   seat-0.1.0-setup.exe /S [/D=C:\Program Files\Seat]
;   /S   silent (no window, no question); /D= the folder (last argument, no quotes, may hold spaces)
; and removes it silently:  "C:\Program Files\Seat\uninstall.exe" /S
;
; The uninstaller removes only what the installer put there (the two programs, _internal\,
; itself, the shortcuts and the registry entries): never a whole folder chosen with /D=, never
; the agents' data (%APPDATA%\seat) and never the site preset (%ProgramData%\Seat).

Unicode true
ManifestDPIAware true
RequestExecutionLevel admin
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef PAYLOAD
  !error "PAYLOAD (the PyInstaller folder dist\seat) must be defined: -DPAYLOAD=..."
!endif
!ifndef OUTFILE
  !define OUTFILE "seat-${VERSION}-setup.exe"
!endif

!define PRODUCT "Seat 12345"
!define PRODUCT_ZH "运城12345 座席"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Seat"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\Seat"
InstallDirRegKey HKLM "Software\Seat" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "Seat maintainers"

!include "MUI2.nsh"
!include "x64.nsh"

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "Seat needs 64-bit Windows 10 or 11. / Seat 需要 64 位 Windows 10 或 11。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Seat" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; an upgrade replaces the libraries folder as a whole: no stale files of the old version
  RMDir /r "$INSTDIR\_internal"
  File "${PAYLOAD}\seat-app.exe"
  File "${PAYLOAD}\seat-admin.exe"
  SetOutPath "$INSTDIR\_internal"
  File /r "${PAYLOAD}\_internal\*.*"
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT_ZH}.lnk" "$INSTDIR\seat-app.exe"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\Uninstall ${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKLM "Software\Seat" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "Software\Seat" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_ZH} (${PRODUCT})"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "Seat maintainers"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\seat-app.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT_ZH}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\Uninstall ${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  Delete "$INSTDIR\seat-app.exe"
  Delete "$INSTDIR\seat-admin.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"  ; only when empty: a folder given with /D= may hold other things
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "Software\Seat"
SectionEnd
