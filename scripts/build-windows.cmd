@echo off
rem Build the Windows one-folder bundle (dist\GKMLDesk). Needs Python 3.11 (py launcher) and the internet
rem or a local wheel cache for the first run. Run from the repository folder: scripts\build-windows.cmd
setlocal
if not exist .venv\Scripts\python.exe py -3.11 -m venv .venv || goto :error
rem pyproject.toml is the single list of pinned packages.
.venv\Scripts\python -c "import tomllib;p=tomllib.load(open('pyproject.toml','rb'))['project'];print('\n'.join(p['dependencies']+p['optional-dependencies']['build']))" > build-requirements.txt || goto :error
.venv\Scripts\python -m pip install -r build-requirements.txt || goto :error
del build-requirements.txt
.venv\Scripts\python scripts\build.py --selftest || goto :error
echo.
echo 完成：把 dist\GKMLDesk 整个文件夹复制到目标电脑，双击 GKMLDesk.exe 运行。
exit /b 0
:error
echo 构建失败 / build failed
exit /b 1
