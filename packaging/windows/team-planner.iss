; Inno Setup script: a Windows installer for the desktop build, with the .teamplan file association.
; Build the app first on Windows (python packaging\build.py → dist\TeamPlanner\), then:
;   iscc packaging\windows\team-planner.iss      → dist\TeamPlanner-0.1.0-windows-setup.exe
; Installs per user when not run as administrator (HKA = HKCU or HKLM accordingly).

#define AppVersion "0.1.0"

[Setup]
AppId={{6C0E5E0B-3D0F-4B8B-9E4F-7A1C2B9D5E11}
AppName=Team Planner
AppVersion={#AppVersion}
AppPublisher=Team Planner
DefaultDirName={autopf}\Team Planner
DefaultGroupName=Team Planner
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=TeamPlanner-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\team-planner.ico
UninstallDisplayIcon={app}\TeamPlanner.exe
LicenseFile=..\..\dist\TeamPlanner\_internal\licenses\PySide6_Essentials\LGPL-3.0.txt

[Files]
Source: "..\..\dist\TeamPlanner\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Team Planner"; Filename: "{app}\TeamPlanner.exe"
Name: "{autodesktop}\Team Planner"; Filename: "{app}\TeamPlanner.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop icon"; Flags: unchecked

[Registry]
; .teamplan → TeamPlanner.Project, opened by TeamPlanner.exe with the file as its argument
; (a running Team Planner takes the file over; see ui/single_instance.py).
Root: HKA; Subkey: "Software\Classes\.teamplan"; ValueType: string; ValueName: ""; ValueData: "TeamPlanner.Project"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.teamplan"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-teamplan"
Root: HKA; Subkey: "Software\Classes\TeamPlanner.Project"; ValueType: string; ValueName: ""; ValueData: "Team Planner project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\TeamPlanner.Project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\TeamPlanner.exe,0"
Root: HKA; Subkey: "Software\Classes\TeamPlanner.Project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\TeamPlanner.exe"" ""%1"""

[Run]
Filename: "{app}\TeamPlanner.exe"; Description: "Start Team Planner"; Flags: nowait postinstall skipifsilent
