; Inno Setup 6 script: the Windows installer of Genre Tagger.
;
; Build the one-folder app first (packaging/genre-tagger.spec -> dist\genre-tagger\ with
; genre-tagger.exe = the windowed app and tagger.exe = the console CLI), then, from the
; repository root:
;
;   iscc /DAppVersion=0.1.0 packaging\windows\genre-tagger.iss
;   iscc /DAppVersion=0.1.0 /DFlavor=-directml packaging\windows\genre-tagger.iss
;
; -> dist\genre-tagger-<version>-windows-x64<flavor>-setup.exe
;
; Installs per user by default (no administrator rights; the wizard offers "for all
; users"), adds a Start-menu entry, an optional desktop icon, optionally the folder of
; tagger.exe to the user's PATH, and an uninstaller (Settings > Apps). Uninstalling
; removes the program and leaves the user's library database and settings
; (%LOCALAPPDATA%\genre-tagger) alone.
;
; Silent install (CI smoke test):
;   setup.exe /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER /DIR="C:\some\folder"

; The default must equal tagger.__version__ (tests/test_packaging.py checks it); CI and
; the docs pass /DAppVersion from tagger/__init__.py anyway.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; "" (CPU build) or "-directml" (onnxruntime-directml build): only the file name changes
#ifndef Flavor
  #define Flavor ""
#endif

#define AppName "Genre Tagger"
#define AppExe "genre-tagger.exe"
#define CliExe "tagger.exe"
#define RepoDir "..\.."
#define BundleDir RepoDir + "\dist\genre-tagger"

[Setup]
; AppId identifies the app for upgrades and the uninstaller: never change it.
AppId={{FE521209-8BF5-43B6-A1ED-7F9A7CF26D07}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Genre Tagger developers
AppComments=Suggests and writes genre tags for a music collection, safely and reversibly.
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile={#RepoDir}\resources\icons\genre-tagger.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
OutputDir={#RepoDir}\dist
OutputBaseFilename=genre-tagger-{#AppVersion}-windows-x64{#Flavor}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ChangesEnvironment=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add the ""tagger"" command line to PATH (current user)"; GroupDescription: "Command line:"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the whole bundle: no library of an older version may linger
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Suggest and write genre tags"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ PATH handling for the "addtopath" task: add {app} once; remove it on uninstall. }
function NeedsAddPath(Dir: string): Boolean;
var
  Paths: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';') = 0;
end;

procedure RemoveFromPath(Dir: string);
var
  Paths: string;
  P: Integer;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths) then
    exit;
  P := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Paths) + ';');
  if P = 0 then
    exit;
  if P = 1 then
    Delete(Paths, 1, Length(Dir) + 1)
  else
    Delete(Paths, P - 1, Length(Dir) + 1);
  RegWriteExpandStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Paths);
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    RemoveFromPath(ExpandConstant('{app}'));
end;
