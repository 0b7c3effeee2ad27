; Inno Setup 6 script: the till's installer for Windows (docs/building.md).
;
; Built by pyinstaller.spec on Windows when Inno Setup's compiler is found, or by hand:
;   iscc /DAppVersion=0.2.0 /DBundleDir=%CD%\dist\pos-desktop /O%CD%\dist packaging\windows\pos-desktop.iss
; (relative paths would be taken from this folder, so the bundle and output are given whole)
; The version is never written here: the build passes pos_desktop.__version__ (the one version).
;
; A per-machine install (Program Files, for every user of the PC, administrator rights), with a
; Start-menu entry, the till started at every user's logon (the common Startup folder, a task
; that is on by default), and an uninstaller that removes the program only: the till's data
; (its database, backups, receipts, config and logs, in each user's
; %LOCALAPPDATA%\pos-desktop\pos-desktop) was never installed by this script and stays, so
; an uninstall, an upgrade or a reinstall never loses a sale.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=<pos_desktop.__version__> (pyinstaller.spec does)
#endif
#ifndef BundleDir
  #error Pass the PyInstaller bundle: iscc /DBundleDir=<dist\pos-desktop>
#endif

#define AppName "POS Desktop"
#define AppExe "pos-desktop.exe"
#define CliExe "pos-desktop-cli.exe"
#define Publisher "pos-desktop"

[Setup]
; The AppId ties upgrades and the uninstaller to this product: never change it.
AppId={{5B0E5F43-7D1A-4C8E-9A57-2E6B3C1D9F04}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installer
; Per machine, for all users.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\..\pos_desktop\assets\icon.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputBaseFilename=pos-desktop-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running till holds its files: ask it to close (Restart Manager) rather than replace them
; under it, and do not restart it from the installer (the till user's logon does).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "id"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "autostart"; Description: "Start {#AppName} when a user logs on / Jalankan saat masuk Windows"

[Files]
; The whole one-folder bundle. An upgrade first removes the old _internal folder (below), so
; no library of the previous version is left beside the new ones.
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{commonstartup}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: autostart

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName} / Jalankan {#AppName}"; Flags: nowait postinstall skipifsilent unchecked

; No [UninstallDelete] for the data: the uninstaller removes what [Files] installed and the
; shortcuts, nothing of %LOCALAPPDATA%. Store IT deletes that folder by hand when a PC leaves
; the store (after `pos-desktop-cli sync status` shows nothing unsent).
