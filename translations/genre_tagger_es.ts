<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Open folder…</source>
        <translation>&amp;Abrir carpeta…</translation>
    </message>
    <message>
        <source>Choose a music folder to scan and analyse</source>
        <translation>Elegir una carpeta de música para leerla y analizarla</translation>
    </message>
    <message>
        <source>&amp;Rescan &amp;&amp; analyse</source>
        <translation>&amp;Volver a leer &amp;&amp; analizar</translation>
    </message>
    <message>
        <source>Look for new or changed files and analyse what is not analysed yet</source>
        <translation>Buscar archivos nuevos o cambiados y analizar lo que aún no está analizado</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausa</translation>
    </message>
    <message>
        <source>Pause or resume the analysis</source>
        <translation>Pausar o reanudar el análisis</translation>
    </message>
    <message>
        <source>&amp;Stop analysis</source>
        <translation>&amp;Detener el análisis</translation>
    </message>
    <message>
        <source>Stop the analysis (what is done is kept)</source>
        <translation>Detener el análisis (lo hecho se conserva)</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Aceptar</translation>
    </message>
    <message>
        <source>Accept the suggested genres for the selected tracks</source>
        <translation>Aceptar los géneros sugeridos para las pistas seleccionadas</translation>
    </message>
    <message>
        <source>&amp;Override…</source>
        <translation>&amp;Elegir…</translation>
    </message>
    <message>
        <source>Choose the genres yourself for the selected tracks</source>
        <translation>Elegir tú mismo los géneros de las pistas seleccionadas</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>&amp;Omitir</translation>
    </message>
    <message>
        <source>Leave the selected tracks as they are</source>
        <translation>Dejar las pistas seleccionadas como están</translation>
    </message>
    <message>
        <source>Forget the decision for the selected tracks</source>
        <translation>Olvidar la decisión de las pistas seleccionadas</translation>
    </message>
    <message>
        <source>Apply album suggestion</source>
        <translation>Aplicar la sugerencia del álbum</translation>
    </message>
    <message>
        <source>Give every track of the selected tracks&apos; albums the album&apos;s pooled suggestion</source>
        <translation>Dar a cada pista de los álbumes de las pistas seleccionadas la sugerencia conjunta del álbum</translation>
    </message>
    <message>
        <source>&amp;Write tags…</source>
        <translation>&amp;Escribir etiquetas…</translation>
    </message>
    <message>
        <source>Write the genres into the files (shows exactly what changes first)</source>
        <translation>Escribir los géneros en los archivos (antes muestra exactamente qué cambia)</translation>
    </message>
    <message>
        <source>Accept every undecided suggestion (shown now) that reaches the confidence threshold (asks first)</source>
        <translation>Aceptar cada sugerencia pendiente (de las mostradas) que alcanza el umbral de confianza (pregunta antes)</translation>
    </message>
    <message>
        <source>Undeci&amp;de</source>
        <translation>&amp;Quitar la decisión</translation>
    </message>
    <message>
        <source>Accept a&amp;ll above threshold</source>
        <translation>Aceptar todo lo que supera el &amp;umbral</translation>
    </message>
    <message>
        <source>&amp;Undo decision</source>
        <translation>&amp;Deshacer decisión</translation>
    </message>
    <message>
        <source>Take back the last decision (an accept, override, skip, undecide, accept all or album suggestion)</source>
        <translation>Retirar la última decisión (aceptar, elegir a mano, omitir, quitar la decisión, aceptar todo o sugerencia del álbum)</translation>
    </message>
    <message>
        <source>&amp;Redo decision</source>
        <translation>&amp;Rehacer decisión</translation>
    </message>
    <message>
        <source>Make the decision just undone again</source>
        <translation>Volver a tomar la decisión que se acaba de deshacer</translation>
    </message>
    <message>
        <source>Put back the genres the last write replaced in the files (asks first)</source>
        <translation>Restaurar en los archivos los géneros que reemplazó la última escritura (pregunta antes)</translation>
    </message>
    <message>
        <source>Write &amp;history…</source>
        <translation>&amp;Historial de escrituras…</translation>
    </message>
    <message>
        <source>Every write batch, with undo per batch</source>
        <translation>Cada lote de escritura, cada uno se puede deshacer</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>Model, device, threshold, write mode, genre vocabulary</source>
        <translation>Modelo, dispositivo, umbral, modo de escritura, vocabulario de géneros</translation>
    </message>
    <message>
        <source>&amp;Train a model from my library…</source>
        <translation>&amp;Entrenar un modelo con mi biblioteca…</translation>
    </message>
    <message>
        <source>Build a personal model from the genres you confirmed</source>
        <translation>Crear un modelo propio con los géneros que confirmaste</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Reproducir / pausa</translation>
    </message>
    <message>
        <source>Play or pause the selected track</source>
        <translation>Reproducir o pausar la pista seleccionada</translation>
    </message>
    <message>
        <source>Open containing &amp;folder</source>
        <translation>Abrir la &amp;carpeta que lo contiene</translation>
    </message>
    <message>
        <source>Show the selected track&apos;s file in the file manager</source>
        <translation>Mostrar el archivo de la pista seleccionada en el gestor de archivos</translation>
    </message>
    <message>
        <source>&amp;Copy path</source>
        <translation>Copiar &amp;ruta</translation>
    </message>
    <message>
        <source>Copy the selected tracks&apos; file paths</source>
        <translation>Copiar las rutas de las pistas seleccionadas</translation>
    </message>
    <message>
        <source>Forget what the model heard in the selected tracks and analyse them again</source>
        <translation>Olvidar lo que el modelo oyó en las pistas seleccionadas y analizarlas de nuevo</translation>
    </message>
    <message>
        <source>&amp;Undo last write…</source>
        <translation>&amp;Deshacer la última escritura…</translation>
    </message>
    <message>
        <source>Re-a&amp;nalyse</source>
        <translation>Volver a a&amp;nalizar</translation>
    </message>
    <message>
        <source>Re&amp;move from library…</source>
        <translation>Quitar de la &amp;biblioteca…</translation>
    </message>
    <message>
        <source>Take the selected tracks out of the library (the files stay)</source>
        <translation>Sacar las pistas seleccionadas de la biblioteca (los archivos se quedan)</translation>
    </message>
    <message>
        <source>Show album &amp;tracks</source>
        <translation>Mostrar las &amp;pistas del álbum</translation>
    </message>
    <message>
        <source>Only the tracks of this album</source>
        <translation>Solo las pistas de este álbum</translation>
    </message>
    <message>
        <source>Show in album &amp;list</source>
        <translation>Mostrar en la &amp;lista de álbumes</translation>
    </message>
    <message>
        <source>The album list, with this album selected</source>
        <translation>La lista de álbumes, con este álbum seleccionado</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Search the table</source>
        <translation>Buscar en la tabla</translation>
    </message>
    <message>
        <source>&amp;Next undecided</source>
        <translation>&amp;Siguiente pendiente</translation>
    </message>
    <message>
        <source>Go to the next track with no decision yet</source>
        <translation>Ir a la siguiente pista sin decisión</translation>
    </message>
    <message>
        <source>&amp;Previous undecided</source>
        <translation>A&amp;nterior pendiente</translation>
    </message>
    <message>
        <source>Go to the previous track with no decision yet</source>
        <translation>Ir a la pista anterior sin decisión</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>User &amp;guide</source>
        <translation>&amp;Guía de uso</translation>
    </message>
    <message>
        <source>How reviewing and writing work</source>
        <translation>Cómo funcionan la revisión y la escritura</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>Every key of the app</source>
        <translation>Todas las teclas de la aplicación</translation>
    </message>
    <message>
        <source>&amp;About Genre Tagger</source>
        <translation>&amp;Acerca de Genre Tagger</translation>
    </message>
    <message>
        <source>Sort &amp;by</source>
        <translation>Ordenar &amp;por</translation>
    </message>
    <message>
        <source>Colu&amp;mns</source>
        <translation>Colu&amp;mnas</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Revisar</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>A&amp;nálisis</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>&amp;Etiquetas</translation>
    </message>
    <message>
        <source>T&amp;ools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Re&amp;anudar</translation>
    </message>
    <message>
        <source>Resume the analysis</source>
        <translation>Reanudar el análisis</translation>
    </message>
    <message>
        <source>Pause the analysis</source>
        <translation>Pausar el análisis</translation>
    </message>
</context>
<context>
    <name>AlbumFilterBar</name>
    <message>
        <source>Show all tracks</source>
        <translation>Mostrar todas las pistas</translation>
    </message>
    <message>
        <source>Album: {name}</source>
        <translation>Álbum: {name}</translation>
    </message>
</context>
<context>
    <name>AlbumPage</name>
    <message>
        <source>Albums</source>
        <translation>Álbumes</translation>
    </message>
</context>
<context>
    <name>AlbumTableModel</name>
    <message>
        <source>— (loose files)</source>
        <translation>— (archivos sueltos)</translation>
    </message>
    <message>
        <source>No album suggestion to apply: {why}</source>
        <translation>No hay sugerencia de álbum que aplicar: {why}</translation>
    </message>
    <message>
        <source>No album suggestion: the best genre of its tracks together, {genre} ({score}), is below the {threshold} threshold.</source>
        <translation>Sin sugerencia de álbum: el mejor género de sus pistas juntas, {genre} ({score}), está por debajo del umbral de {threshold}.</translation>
    </message>
</context>
<context>
    <name>AnalysisControl</name>
    <message>
        <source>Scanning only — no model to analyse with: {reason}</source>
        <translation>Solo lectura — no hay modelo con el que analizar: {reason}</translation>
    </message>
    <message>
        <source>Analysis resumed</source>
        <translation>Análisis reanudado</translation>
    </message>
    <message>
        <source>Analysis paused (the tracks being analysed finish first)</source>
        <translation>Análisis en pausa (las pistas en curso terminan antes)</translation>
    </message>
    <message>
        <source>Stopping the analysis; finished tracks are kept</source>
        <translation>Deteniendo el análisis; las pistas terminadas se conservan</translation>
    </message>
    <message>
        <source>Analysis stopped: {done} analysed, {cached} cached, {failed} failed (what finished is kept).</source>
        <translation>Análisis detenido: {done} analizadas, {cached} en caché, {failed} fallidas (lo terminado se conserva).</translation>
    </message>
    <message>
        <source>Analysis finished: {done} analysed, {cached} already known, {failed} failed ({seconds} s).</source>
        <translation>Análisis terminado: {done} analizadas, {cached} ya conocidas, {failed} fallidas ({seconds} s).</translation>
    </message>
    <message>
        <source>Scanned ({scan}). No model: {reason}</source>
        <translation>Leído ({scan}). Sin modelo: {reason}</translation>
    </message>
    <message>
        <source>Analysis failed: {reason}</source>
        <translation>El análisis falló: {reason}</translation>
    </message>
    <message>
        <source>Analysis failed</source>
        <translation>El análisis falló</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Genre Tagger: vocabulary file not valid</source>
        <translation>Genre Tagger: archivo de vocabulario no válido</translation>
    </message>
    <message>
        <source>{reason}

The app does not fall back silently: tags would be written with the bundled names instead of yours.</source>
        <translation>{reason}

La aplicación no recurre a otro en silencio: las etiquetas se escribirían con los nombres incluidos en lugar de los tuyos.</translation>
    </message>
    <message>
        <source>Set my file aside and use the bundled vocabulary</source>
        <translation>Apartar mi archivo y usar el vocabulario incluido</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Unexpected error: {reason}</source>
        <translation>Error inesperado: {reason}</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Algo salió mal</translation>
    </message>
    <message>
        <source>{reason}

The app keeps running. The details are in {file}: please report it.</source>
        <translation>{reason}

La aplicación sigue funcionando. Los detalles están en {file}: por favor, infórmenos.</translation>
    </message>
    <message>
        <source>{reason}

The app keeps running; details were printed to the terminal.</source>
        <translation>{reason}

La aplicación sigue funcionando; los detalles se mostraron en el terminal.</translation>
    </message>
    <message>
        <source>Genre Tagger cannot start</source>
        <translation>Genre Tagger no puede iniciarse</translation>
    </message>
</context>
<context>
    <name>AppearanceTab</name>
    <message>
        <source>The system&apos;s language</source>
        <translation>El idioma del sistema</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>A new language shows the next time the app starts.</source>
        <translation>Un idioma nuevo aparece la próxima vez que se inicie la aplicación.</translation>
    </message>
    <message>
        <source>The system&apos;s</source>
        <translation>El del sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>Tema:</translation>
    </message>
</context>
<context>
    <name>ChangesModel</name>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Current genres</source>
        <translation>Géneros actuales</translation>
    </message>
    <message>
        <source>New genres</source>
        <translation>Géneros nuevos</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>will be refused: {reason}</source>
        <translation>se rechazará: {reason}</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>The write will refuse this file: {reason}</source>
        <translation>La escritura rechazará este archivo: {reason}</translation>
    </message>
</context>
<context>
    <name>ClusterTab</name>
    <message>
        <source>This computer</source>
        <translation>Este ordenador</translation>
    </message>
    <message>
        <source>A Ray cluster</source>
        <translation>Un clúster Ray</translation>
    </message>
    <message>
        <source>Analyse on:</source>
        <translation>Analizar en:</translation>
    </message>
    <message>
        <source>auto, HOST:PORT or ray://HOST:PORT</source>
        <translation>auto, HOST:PUERTO o ray://HOST:PUERTO</translation>
    </message>
    <message>
        <source>Cluster address:</source>
        <translation>Dirección del clúster:</translation>
    </message>
    <message>
        <source>Send the audio to the nodes (they cannot see the music folder)</source>
        <translation>Enviar el audio a los nodos (no ven la carpeta de música)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar la conexión</translation>
    </message>
    <message>
        <source>Every node needs the same Genre Tagger and Ray (pip install &apos;genre-tagger[cluster]&apos;), and the music folder mounted at the same path unless the audio is sent.</source>
        <translation>Cada nodo necesita el mismo Genre Tagger y Ray (pip install &apos;genre-tagger[cluster]&apos;), y la carpeta de música montada en la misma ruta, salvo que se envíe el audio.</translation>
    </message>
    <message>
        <source>Connecting to {address}…</source>
        <translation>Conectando con {address}…</translation>
    </message>
    <message>
        <source>Connected to {address}: {nodes}.</source>
        <translation>Conectado con {address}: {nodes}.</translation>
    </message>
</context>
<context>
    <name>ColumnLayout</name>
    <message>
        <source>Reset columns</source>
        <translation>Restablecer columnas</translation>
    </message>
</context>
<context>
    <name>ColumnTitle</name>
    <message>
        <source>Artist</source>
        <translation>Artista</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Álbum</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Current genre</source>
        <translation>Género actual</translation>
    </message>
    <message>
        <source>Suggested genre</source>
        <translation>Género sugerido</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confianza</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Will write</source>
        <translation>Se escribirá</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Nombre de archivo</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Carpeta</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Ruta</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Bitrate</source>
        <translation>Tasa de bits</translation>
    </message>
    <message>
        <source>Date added</source>
        <translation>Fecha de alta</translation>
    </message>
</context>
<context>
    <name>Decisions</name>
    <message>
        <source>Cannot record the decision: {reason}</source>
        <translation>No se puede guardar la decisión: {reason}</translation>
    </message>
    <message>
        <source>Cannot record the decisions: {reason}</source>
        <translation>No se pueden guardar las decisiones: {reason}</translation>
    </message>
    <message>
        <source>Nothing to accept: {why}</source>
        <translation>Nada que aceptar: {why}</translation>
    </message>
    <message>
        <source>Nothing changed: already decided so</source>
        <translation>Nada cambió: ya estaba decidido así</translation>
    </message>
    <message>
        <source>Nothing to record</source>
        <translation>Nada que guardar</translation>
    </message>
    <message>
        <source>Nothing to record: {why}</source>
        <translation>Nada que guardar: {why}</translation>
    </message>
    <message numerus="yes">
        <source>Skipped: %n track(s)</source>
        <translation>
            <numerusform>Omitida: %n pista</numerusform>
            <numerusform>Omitidas: %n pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Decision cleared for %n track(s)</source>
        <translation>
            <numerusform>Decisión quitada para %n pista</numerusform>
            <numerusform>Decisión quitada para %n pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Overridden: %n track(s)</source>
        <translation>
            <numerusform>Elegida a mano: %n pista</numerusform>
            <numerusform>Elegidas a mano: %n pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted: %n track(s)</source>
        <translation>
            <numerusform>Aceptada: %n pista</numerusform>
            <numerusform>Aceptadas: %n pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted the suggestion for %n track(s)</source>
        <translation>
            <numerusform>Sugerencia aceptada para %n pista</numerusform>
            <numerusform>Sugerencias aceptadas para %n pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Overridden: %n track(s) → {genres}</source>
        <translation>
            <numerusform>Elegida a mano: %n pista → {genres}</numerusform>
            <numerusform>Elegidas a mano: %n pistas → {genres}</numerusform>
        </translation>
    </message>
    <message>
        <source>Still recording the last decisions: try again in a moment</source>
        <translation>Todavía se están guardando las últimas decisiones: inténtalo de nuevo en un momento</translation>
    </message>
    <message>
        <source>No undecided track shown has a suggestion at {percent} or more</source>
        <translation>Ninguna pista pendiente mostrada tiene una sugerencia de {percent} o más</translation>
    </message>
    <message>
        <source>Accept all above threshold</source>
        <translation>Aceptar todo lo que supera el umbral</translation>
    </message>
    <message numerus="yes">
        <source>Accept %Ln suggestion(s) at {percent} or more?</source>
        <translation>
            <numerusform>¿Aceptar %Ln sugerencia de {percent} o más?</numerusform>
            <numerusform>¿Aceptar %Ln sugerencias de {percent} o más?</numerusform>
        </translation>
    </message>
    <message>
        <source>Only undecided tracks shown now are taken. Undo decision ({key}) takes them all back at once.</source>
        <translation>Solo se toman las pistas pendientes que se muestran ahora. Deshacer decisión ({key}) las retira todas de una vez.</translation>
    </message>
    <message>
        <source>Suggestions accepted together do not teach your personal model: it learns from the tracks you accept one at a time or override.</source>
        <translation>Las sugerencias aceptadas juntas no enseñan a tu modelo personal: aprende de las pistas que aceptas una a una o eliges a mano.</translation>
    </message>
    <message numerus="yes">
        <source>Accept %Ln</source>
        <translation>
            <numerusform>Aceptar %Ln</numerusform>
            <numerusform>Aceptar %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepting %Ln suggestion(s)…</source>
        <translation>
            <numerusform>Aceptando %Ln sugerencia…</numerusform>
            <numerusform>Aceptando %Ln sugerencias…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Accepted %Ln suggestion(s) at {percent} or more</source>
        <translation>
            <numerusform>Aceptada %Ln sugerencia de {percent} o más</numerusform>
            <numerusform>Aceptadas %Ln sugerencias de {percent} o más</numerusform>
        </translation>
    </message>
    <message>
        <source>Still recording the last decisions: undo in a moment</source>
        <translation>Aún se están guardando las últimas decisiones: deshaz dentro de un momento</translation>
    </message>
    <message>
        <source>Still recording the last decisions: redo in a moment</source>
        <translation>Aún se están guardando las últimas decisiones: rehaz dentro de un momento</translation>
    </message>
    <message>
        <source>Undoing: {what}…</source>
        <translation>Deshaciendo: {what}…</translation>
    </message>
    <message>
        <source>Redoing: {what}…</source>
        <translation>Rehaciendo: {what}…</translation>
    </message>
    <message>
        <source>Cannot undo: {reason}</source>
        <translation>No se puede deshacer: {reason}</translation>
    </message>
    <message>
        <source>Cannot redo: {reason}</source>
        <translation>No se puede rehacer: {reason}</translation>
    </message>
    <message>
        <source>No decision to undo</source>
        <translation>No hay ninguna decisión que deshacer</translation>
    </message>
    <message>
        <source>No decision to redo</source>
        <translation>No hay ninguna decisión que rehacer</translation>
    </message>
    <message numerus="yes">
        <source>Undone: {what} (%Ln track(s) restored)</source>
        <translation>
            <numerusform>Deshecho: {what} (%Ln pista restaurada)</numerusform>
            <numerusform>Deshecho: {what} (%Ln pistas restauradas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Redone: {what} (%Ln track(s) decided again)</source>
        <translation>
            <numerusform>Rehecho: {what} (%Ln pista decidida de nuevo)</numerusform>
            <numerusform>Rehecho: {what} (%Ln pistas decididas de nuevo)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln track(s) left alone (decided otherwise since, moved or removed)</source>
        <translation>
            <numerusform>%Ln pista sin tocar (decidida de otro modo desde entonces, movida o quitada)</numerusform>
            <numerusform>%Ln pistas sin tocar (decididas de otro modo desde entonces, movidas o quitadas)</numerusform>
        </translation>
    </message>
    <message>
        <source>No album suggestion: {why}</source>
        <translation>Sin sugerencia de álbum: {why}</translation>
    </message>
    <message>
        <source>No album suggestion for {album}: {why}</source>
        <translation>Sin sugerencia de álbum para {album}: {why}</translation>
    </message>
    <message numerus="yes">
        <source>Album suggestion applied to %n track(s)</source>
        <translation>
            <numerusform>Sugerencia del álbum aplicada a %n pista</numerusform>
            <numerusform>Sugerencia del álbum aplicada a %n pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n folder group(s) (not albums)</source>
        <translation>
            <numerusform>%n grupo de carpeta (no es un álbum)</numerusform>
            <numerusform>%n grupos de carpeta (no son álbumes)</numerusform>
        </translation>
    </message>
    <message>
        <source>; left alone: {what}</source>
        <translation>; sin tocar: {what}</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>the track is no longer in the library</source>
        <translation>la pista ya no está en la biblioteca</translation>
    </message>
    <message>
        <source>No track selected</source>
        <translation>Ninguna pista seleccionada</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Reproducir / pausa (Espacio)</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Reproducir / pausa</translation>
    </message>
    <message>
        <source>Playing position</source>
        <translation>Posición de reproducción</translation>
    </message>
    <message>
        <source>Genre over time</source>
        <translation>Género a lo largo del tiempo</translation>
    </message>
    <message>
        <source>Genre scores</source>
        <translation>Puntuaciones de género</translation>
    </message>
    <message>
        <source>Select a track to listen to it and see what the model heard.</source>
        <translation>Selecciona una pista para escucharla y ver qué oyó el modelo.</translation>
    </message>
    <message>
        <source>track {n}</source>
        <translation>pista {n}</translation>
    </message>
    <message>
        <source>Problem: {reason}</source>
        <translation>Problema: {reason}</translation>
    </message>
    <message>
        <source>no genre scores: the file could not be analysed</source>
        <translation>sin puntuaciones de género: no se pudo analizar el archivo</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
    <message>
        <source>Current genre: {genres}</source>
        <translation>Género actual: {genres}</translation>
    </message>
    <message>
        <source>Suggested: {genres}</source>
        <translation>Sugerido: {genres}</translation>
    </message>
    <message>
        <source>Suggested: (not analysed yet)</source>
        <translation>Sugerido: (aún sin analizar)</translation>
    </message>
    <message>
        <source>Suggested: (nothing)</source>
        <translation>Sugerido: (nada)</translation>
    </message>
    <message>
        <source>{status}: will write {genres}</source>
        <translation>{status}: escribirá {genres}</translation>
    </message>
    <message>
        <source>{status}: nothing to write (the file cannot be read)</source>
        <translation>{status}: nada que escribir (el archivo no se puede leer)</translation>
    </message>
    <message>
        <source>{status}: nothing to write {why}</source>
        <translation>{status}: nada que escribir {why}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Estado: {status}</translation>
    </message>
    <message>
        <source>(no album tag)</source>
        <translation>(sin etiqueta de álbum)</translation>
    </message>
    <message numerus="yes">
        <source>%n track(s)</source>
        <translation>
            <numerusform>%n pista</numerusform>
            <numerusform>%n pistas</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown artist</source>
        <translation>Artista desconocido</translation>
    </message>
    <message>
        <source>Current genres: {genres}</source>
        <translation>Géneros actuales: {genres}</translation>
    </message>
    <message>
        <source>No album suggestion: {why}</source>
        <translation>Sin sugerencia de álbum: {why}</translation>
    </message>
    <message>
        <source>Album suggestion (pooled over its tracks): {genres}</source>
        <translation>Sugerencia del álbum (conjunta de sus pistas): {genres}</translation>
    </message>
    <message>
        <source>No album suggestion: its best genre, {genre} ({score}), is below the {threshold} threshold</source>
        <translation>Sin sugerencia de álbum: su mejor género, {genre} ({score}), está por debajo del umbral de {threshold}</translation>
    </message>
    <message>
        <source>Album suggestion: (no track analysed yet)</source>
        <translation>Sugerencia del álbum: (aún no hay pistas analizadas)</translation>
    </message>
    <message>
        <source>Computing the spectrogram…</source>
        <translation>Calculando el espectrograma…</translation>
    </message>
    <message>
        <source>This file cannot be read</source>
        <translation>Este archivo no se puede leer</translation>
    </message>
    <message>
        <source>No spectrogram: {reason}</source>
        <translation>Sin espectrograma: {reason}</translation>
    </message>
    <message>
        <source>Cannot show the spectrogram: {reason}</source>
        <translation>No se puede mostrar el espectrograma: {reason}</translation>
    </message>
    <message>
        <source>{reason}: playback unavailable</source>
        <translation>{reason}: reproducción no disponible</translation>
    </message>
    <message>
        <source>No audio output</source>
        <translation>Sin salida de audio</translation>
    </message>
    <message>
        <source>Playback is not available</source>
        <translation>La reproducción no está disponible</translation>
    </message>
    <message>
        <source>Cannot play {title}: {reason}</source>
        <translation>No se puede reproducir {title}: {reason}</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>fill: only files without a genre get one</source>
        <translation>rellenar: solo los archivos sin género reciben uno</translation>
    </message>
    <message>
        <source>merge: add the new genres to the ones a file has</source>
        <translation>combinar: añadir los géneros nuevos a los que ya tiene</translation>
    </message>
    <message>
        <source>replace: the new genres replace what a file has</source>
        <translation>reemplazar: los géneros nuevos sustituyen a los que tiene</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>{labels} labels, {genres} genre tags:</source>
        <translation>{labels} etiquetas, {genres} etiquetas de género:</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>no indicada</translation>
    </message>
    <message>
        <source>Licence: {licence}</source>
        <translation>Licencia: {licence}</translation>
    </message>
    <message>
        <source>Evaluation:</source>
        <translation>Evaluación:</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Archivo: {path}</translation>
    </message>
</context>
<context>
    <name>DropController</name>
    <message>
        <source>Not added: {names}</source>
        <translation>No añadido: {names}</translation>
    </message>
    <message>
        <source>Cannot add: {reason}</source>
        <translation>No se puede añadir: {reason}</translation>
    </message>
    <message>
        <source>Added; analysed when the current analysis ends</source>
        <translation>Añadido; se analizará cuando termine el análisis en curso</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Sho&amp;w:</source>
        <translation>&amp;Mostrar:</translation>
    </message>
    <message>
        <source>Search artist, album, title, genre, path…</source>
        <translation>Buscar artista, álbum, título, género, ruta…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Group by album</source>
        <translation>Agrupar por álbum</translation>
    </message>
</context>
<context>
    <name>GenreTimeline</name>
    <message>
        <source>How strongly the model heard each genre in each analysed stretch</source>
        <translation>Con qué fuerza oyó el modelo cada género en cada tramo analizado</translation>
    </message>
    <message>
        <source>genre over time: not analysed yet</source>
        <translation>género en el tiempo: aún sin analizar</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Genre Tagger user guide</source>
        <translation>Guía de uso de Genre Tagger</translation>
    </message>
    <message>
        <source>The user guide is not installed with this copy of the app.</source>
        <translation>La guía de uso no está instalada con esta copia de la aplicación.</translation>
    </message>
    <message>
        <source>Open in the browser</source>
        <translation>Abrir en el navegador</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Write history</source>
        <translation>Historial de escrituras</translation>
    </message>
    <message>
        <source>Every write is a numbered batch. Undo puts back the genres a batch replaced (files changed again since are left alone and reported).</source>
        <translation>Cada escritura es un lote numerado. Deshacer restaura los géneros que un lote reemplazó (los archivos cambiados después se dejan sin tocar y se informa de ellos).</translation>
    </message>
    <message>
        <source>Write batches</source>
        <translation>Escrituras</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Lote</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Archivos</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Files of the chosen batch</source>
        <translation>Archivos de la escritura elegida</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Antes</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Después</translation>
    </message>
    <message>
        <source>Undo this batch</source>
        <translation>Deshacer este lote</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>undone {when} ({state})</source>
        <translation>deshecho {when} ({state})</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ninguno)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>All tracks</source>
        <translation>Todas las pistas</translation>
    </message>
    <message>
        <source>Needs review (low confidence)</source>
        <translation>Por revisar (confianza baja)</translation>
    </message>
    <message>
        <source>No genre yet</source>
        <translation>Aún sin género</translation>
    </message>
    <message>
        <source>Disagrees with current tag</source>
        <translation>No coincide con la etiqueta actual</translation>
    </message>
    <message>
        <source>Accepted or overridden</source>
        <translation>Aceptadas o elegidas a mano</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Omitidas</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Escritas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidas</translation>
    </message>
    <message>
        <source>Artist</source>
        <translation>Artista</translation>
    </message>
    <message>
        <source>Album</source>
        <translation>Álbum</translation>
    </message>
    <message>
        <source>Current genre</source>
        <translation>Género actual</translation>
    </message>
    <message>
        <source>Suggested genre</source>
        <translation>Género sugerido</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confianza</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Track number</source>
        <translation>Número de pista</translation>
    </message>
    <message>
        <source>Tracks</source>
        <translation>Pistas</translation>
    </message>
    <message>
        <source>Current genres</source>
        <translation>Géneros actuales</translation>
    </message>
    <message>
        <source>Album suggestion</source>
        <translation>Sugerencia del álbum</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nueva</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>aceptada</translation>
    </message>
    <message>
        <source>overridden</source>
        <translation>elegida a mano</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>omitida</translation>
    </message>
    <message>
        <source>written</source>
        <translation>escrita</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>not analysed</source>
        <translation>sin analizar</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>ilegible</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>no escrita</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>deshecho</translation>
    </message>
    <message>
        <source>undo failed</source>
        <translation>deshacer falló</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>sugerida</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>Género</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Estilo</translation>
    </message>
    <message>
        <source>Grouping</source>
        <translation>Agrupación</translation>
    </message>
    <message>
        <source>Mood</source>
        <translation>Estado de ánimo</translation>
    </message>
    <message>
        <source>genre</source>
        <translation>género</translation>
    </message>
    <message>
        <source>mood</source>
        <translation>estado de ánimo</translation>
    </message>
    <message>
        <source>era</source>
        <translation>época</translation>
    </message>
    <message>
        <source>instrument</source>
        <translation>instrumento</translation>
    </message>
    <message>
        <source>voice</source>
        <translation>voz</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <source>Genres the bundled models do not know (reggae, disco and others, listed in their model cards): a personal model learns them from the tracks whose genres you confirmed (in the app: Tools &gt; Train a model from my library; in a terminal: `tagger personal train`).</source>
        <translation>Géneros que los modelos incluidos no conocen (reggae, disco y otros, enumerados en sus fichas de modelo): un modelo personal los aprende de las pistas cuyos géneros confirmaste (en la aplicación: Herramientas &gt; Entrenar un modelo con mi biblioteca; en un terminal: `tagger personal train`).</translation>
    </message>
    <message>
        <source>{n}%</source>
        <translation>{n}&#xa0;%</translation>
    </message>
    <message>
        <source>%</source>
        <comment>the suffix of a box that holds a percentage</comment>
        <translation>&#xa0;%</translation>
    </message>
    <message>
        <source>another Genre Tagger is writing tags to this library (pid {pid}); waiting…</source>
        <translation>otro Genre Tagger está escribiendo etiquetas en esta biblioteca (pid {pid}); esperando…</translation>
    </message>
    <message>
        <source>another Genre Tagger is writing tags to this library; waiting…</source>
        <translation>otro Genre Tagger está escribiendo etiquetas en esta biblioteca; esperando…</translation>
    </message>
    <message>
        <source>the library database is busy: another program (the app, a tagger command) is writing to it; try again when it has finished</source>
        <translation>la base de datos de la biblioteca está ocupada: otro programa (la aplicación, una orden de tagger) está escribiendo en ella; vuelva a intentarlo cuando haya terminado</translation>
    </message>
    <message>
        <source>the disk that holds the library database is full: free some space and try again (what was done before this is kept)</source>
        <translation>el disco que contiene la base de datos de la biblioteca está lleno: libera algo de espacio y vuelve a intentarlo (lo hecho antes se conserva)</translation>
    </message>
    <message>
        <source>the library database is damaged (SQLite finds its pages malformed): put back a backup copy of it, or move it aside and scan again to start a new one (the decisions and write history were in it)</source>
        <translation>la base de datos de la biblioteca está dañada (SQLite encuentra páginas mal formadas): restaura una copia de seguridad, o apártala y vuelve a examinar para empezar una nueva (las decisiones y el historial de escritura estaban en ella)</translation>
    </message>
</context>
<context>
    <name>LearningController</name>
    <message>
        <source>Train my &amp;genres now</source>
        <translation>Entrenar mis &amp;géneros ahora</translation>
    </message>
    <message>
        <source>Retrain the personal model from your decisions so far</source>
        <translation>Volver a entrenar el modelo personal con tus decisiones hasta ahora</translation>
    </message>
    <message>
        <source>Go &amp;back to the previous personal model</source>
        <translation>Volver al modelo personal &amp;anterior</translation>
    </message>
    <message>
        <source>&amp;Learn as I review</source>
        <translation>A&amp;prender mientras reviso</translation>
    </message>
    <message>
        <source>Cannot train: {reason}</source>
        <translation>No se puede entrenar: {reason}</translation>
    </message>
    <message>
        <source>No confirmed tracks left: suggestions from the base model&apos;s genres only</source>
        <translation>No quedan pistas confirmadas: sugerencias solo de los géneros del modelo base</translation>
    </message>
    <message>
        <source>Personal model not trained: suggestions accepted together do not teach</source>
        <translation>Modelo personal no entrenado: las sugerencias aceptadas juntas no enseñan</translation>
    </message>
    <message>
        <source>Personal model not trained: {why}</source>
        <translation>Modelo personal no entrenado: {why}</translation>
    </message>
    <message>
        <source>Cannot train the personal model: {reason}</source>
        <translation>No se puede entrenar el modelo personal: {reason}</translation>
    </message>
    <message>
        <source>Cannot keep the personal model: {reason}</source>
        <translation>No se puede guardar el modelo personal: {reason}</translation>
    </message>
    <message>
        <source>Suggestions now from your {model}</source>
        <translation>Sugerencias ahora de tu {model}</translation>
    </message>
    <message>
        <source>There is no earlier personal model to go back to.</source>
        <translation>No hay un modelo personal anterior al que volver.</translation>
    </message>
    <message>
        <source>Back to your {model}</source>
        <translation>De vuelta a tu {model}</translation>
    </message>
    <message>
        <source>Back to the base model&apos;s genres only</source>
        <translation>De vuelta solo a los géneros del modelo base</translation>
    </message>
    <message>
        <source>Cannot re-score the suggestions: {reason}</source>
        <translation>No se pueden volver a calcular las sugerencias: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>{what}: %n suggestion(s) changed</source>
        <translation>
            <numerusform>{what}: %n sugerencia cambiada</numerusform>
            <numerusform>{what}: %n sugerencias cambiadas</numerusform>
        </translation>
    </message>
    <message>
        <source>Suggestions: {model}</source>
        <translation>Sugerencias: {model}</translation>
    </message>
    <message>
        <source>(personal model not used)</source>
        <translation>(modelo personal no usado)</translation>
    </message>
    <message>
        <source>Suggestions: {model} + your {personal}</source>
        <translation>Sugerencias: {model} + tu {personal}</translation>
    </message>
    <message>
        <source>learning…</source>
        <translation>aprendiendo…</translation>
    </message>
    <message>
        <source>updating the suggestions…</source>
        <translation>actualizando las sugerencias…</translation>
    </message>
    <message numerus="yes">
        <source>%n new decision(s)</source>
        <translation>
            <numerusform>%n decisión nueva</numerusform>
            <numerusform>%n decisiones nuevas</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed by the last model change:</source>
        <translation>Cambiadas por el último cambio de modelo:</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… y %n más</numerusform>
            <numerusform>… y %n más</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainStatusBar</name>
    <message numerus="yes">
        <source>%Ln track(s)</source>
        <translation>
            <numerusform>%Ln pista</numerusform>
            <numerusform>%Ln pistas</numerusform>
        </translation>
    </message>
    <message>
        <source>showing {n}</source>
        <translation>{n} mostradas</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Deteniendo…</translation>
    </message>
    <message numerus="yes">
        <source>Scanning… %Ln file(s)</source>
        <translation>
            <numerusform>Leyendo… %Ln archivo</numerusform>
            <numerusform>Leyendo… %Ln archivos</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the library…</source>
        <translation>Leyendo la biblioteca…</translation>
    </message>
    <message>
        <source>Paused · {what}</source>
        <translation>En pausa · {what}</translation>
    </message>
    <message>
        <source>{n} analysed</source>
        <translation>{n} analizadas</translation>
    </message>
    <message>
        <source>{n} cached</source>
        <translation>{n} en caché</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>{n} fallidas</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>ETA {time}</source>
        <translation>Quedan {time}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cannot read the library: {reason}</source>
        <translation>No se puede leer la biblioteca: {reason}</translation>
    </message>
    <message>
        <source>Stopping the analysis (finished tracks are kept)…</source>
        <translation>Deteniendo el análisis (las pistas terminadas se conservan)…</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;Deshacer: {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;Rehacer: {what}</translation>
    </message>
    <message>
        <source>Choose a music folder</source>
        <translation>Elige una carpeta de música</translation>
    </message>
    <message>
        <source>Cannot save the settings: {reason}</source>
        <translation>No se pueden guardar los ajustes: {reason}</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Abrir carpeta</translation>
    </message>
    <message>
        <source>{folder} is not a folder (or is gone).</source>
        <translation>{folder} no es una carpeta (o ya no existe).</translation>
    </message>
    <message>
        <source>No audio files found in {folder} (yet).</source>
        <translation>No se encontraron archivos de audio en {folder} (todavía).</translation>
    </message>
    <message numerus="yes">
        <source>%n track(s) not analysed yet: Rescan and analyse ({key}) goes on where it stopped</source>
        <translation>
            <numerusform>%n pista aún sin analizar: Volver a leer y analizar ({key}) sigue donde se detuvo</numerusform>
            <numerusform>%n pistas aún sin analizar: Volver a leer y analizar ({key}) sigue donde se detuvo</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an album to see its pooled suggestion.</source>
        <translation>Selecciona un álbum para ver su sugerencia conjunta.</translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) selected.</source>
        <translation>
            <numerusform>%n álbum seleccionado.</numerusform>
            <numerusform>%n álbumes seleccionados.</numerusform>
        </translation>
    </message>
    <message>
        <source>The new language shows the next time the app starts</source>
        <translation>El nuevo idioma aparece la próxima vez que se inicie la aplicación</translation>
    </message>
    <message>
        <source>Model: {name} {version}</source>
        <translation>Modelo: {name} {version}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Free software under the MIT licence. This package also holds software under other licences (mutagen: GPL 2.0 or later, so the package as a whole is under the GPL): {notices}</source>
        <translation>Software libre con licencia MIT. Este paquete contiene también software con otras licencias (mutagen: GPL 2.0 o posterior, por lo que el paquete en su conjunto está bajo la GPL): {notices}</translation>
    </message>
    <message>
        <source>Free software under the MIT licence; the libraries it uses come with their own licences.</source>
        <translation>Software libre con licencia MIT; las bibliotecas que usa traen sus propias licencias.</translation>
    </message>
    <message>
        <source>About Genre Tagger</source>
        <translation>Acerca de Genre Tagger</translation>
    </message>
    <message>
        <source>Genre Tagger {version}

Listens to your music, suggests genres, and writes only what you confirm — every write can be undone.

Model: {model}
Library: {library}</source>
        <translation>Genre Tagger {version}

Escucha tu música, sugiere géneros y escribe solo lo que confirmas — cada escritura se puede deshacer.

Modelo: {model}
Biblioteca: {library}</translation>
    </message>
</context>
<context>
    <name>MovedFolderBar</name>
    <message>
        <source>Move them here</source>
        <translation>Traerlas aquí</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message numerus="yes">
        <source>%n track(s) here hold the same audio as tracks under {old}, a folder that no longer exists. If it was moved or renamed to {new}, your decisions and write history can move here with it. If it is on a drive that is not connected now, choose Not now.</source>
        <translation>
            <numerusform>%n pista aquí contiene el mismo audio que una pista en {old}, una carpeta que ya no existe. Si se movió o se renombró a {new}, tus decisiones y el historial de escritura pueden venir aquí con ella. Si está en una unidad que ahora no está conectada, elige Ahora no.</numerusform>
            <numerusform>%n pistas aquí contienen el mismo audio que pistas en {old}, una carpeta que ya no existe. Si se movió o se renombró a {new}, tus decisiones y el historial de escritura pueden venir aquí con ella. Si está en una unidad que ahora no está conectada, elige Ahora no.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutcomesDialog</name>
    <message>
        <source>Files and what happened to them</source>
        <translation>Archivos y lo que les pasó</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Genres</source>
        <translation>Géneros</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>moved since the write (was {path})</source>
        <translation>movido después de la escritura (estaba en {path})</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Override genres</source>
        <translation>Elegir los géneros</translation>
    </message>
    <message numerus="yes">
        <source>Genres to write for %n track(s). Separate several genres with &apos;;&apos;.</source>
        <translation>
            <numerusform>Géneros que se escribirán en %n pista. Separa varios géneros con &apos;;&apos;.</numerusform>
            <numerusform>Géneros que se escribirán en %n pistas. Separa varios géneros con &apos;;&apos;.</numerusform>
        </translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Enter at least one genre.</source>
        <translation>Escribe al menos un género.</translation>
    </message>
    <message>
        <source>Not in the vocabulary (written as typed): {genres}</source>
        <translation>No está en el vocabulario (se escribe tal cual): {genres}</translation>
    </message>
    <message>
        <source>Will write: {genres}</source>
        <translation>Se escribirá: {genres}</translation>
    </message>
</context>
<context>
    <name>PersonalWords</name>
    <message>
        <source>You have not confirmed any track yet.</source>
        <translation>Aún no has confirmado ninguna pista.</translation>
    </message>
    <message numerus="yes">
        <source>Your confirmed tracks teach %n genre(s): {genres}.</source>
        <translation>
            <numerusform>Tus pistas confirmadas enseñan %n género: {genres}.</numerusform>
            <numerusform>Tus pistas confirmadas enseñan %n géneros: {genres}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>One example is weak: {genres} has a single confirmed track. It is learnt, but confirm a few more to make it reliable.</source>
        <translation>
            <numerusform>Un solo ejemplo es poco: {genres} tiene una sola pista confirmada. Se aprende, pero confirma algunas más para que sea fiable.</numerusform>
            <numerusform>Un solo ejemplo es poco: {genres} tienen una sola pista confirmada cada uno. Se aprenden, pero confirma algunas más para que sean fiables.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) are no longer on disk and are left out.</source>
        <translation>
            <numerusform>%n pista confirmada ya no está en el disco y se deja fuera.</numerusform>
            <numerusform>%n pistas confirmadas ya no están en el disco y se dejan fuera.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) now hold other audio than when you decided (replaced or re-encoded): decide them again to teach them.</source>
        <translation>
            <numerusform>%n pista confirmada contiene ahora otro audio que cuando decidiste (sustituida o recodificada): decide de nuevo para enseñarla.</numerusform>
            <numerusform>%n pistas confirmadas contienen ahora otro audio que cuando decidiste (sustituidas o recodificadas): decide de nuevo para enseñarlas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n suggestion(s) accepted together with others (accept all, an album, a folder, several rows at once) are not learnt from: they would only teach the model what it already says. Accept a track on its own, or override it, to teach it.</source>
        <translation>
            <numerusform>%n sugerencia aceptada junto con otras (aceptar todas, un álbum, una carpeta, varias filas a la vez) no se aprende: solo enseñaría al modelo lo que ya dice. Acepta una pista por sí sola, o elige a mano, para enseñarle.</numerusform>
            <numerusform>%n sugerencias aceptadas junto con otras (aceptar todas, un álbum, una carpeta, varias filas a la vez) no se aprenden: solo enseñarían al modelo lo que ya dice. Acepta una pista por sí sola, o elige a mano, para enseñarle.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to learn from yet: {why}</source>
        <translation>Aún no hay nada de lo que aprender: {why}</translation>
    </message>
    <message numerus="yes">
        <source>The %n confirmed track(s) are not where the library last saw them (moved or deleted): rescan the folder they are in now.</source>
        <translation>
            <numerusform>La %n pista confirmada no está donde la biblioteca la vio por última vez (movida o borrada): vuelve a leer la carpeta donde está ahora.</numerusform>
            <numerusform>Las %n pistas confirmadas no están donde la biblioteca las vio por última vez (movidas o borradas): vuelve a leer la carpeta donde están ahora.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing to learn from yet: the %n suggestion(s) you confirmed were accepted together with others, and those do not teach. Accept a track on its own, or override it.</source>
        <translation>
            <numerusform>Aún no hay nada de lo que aprender: la %n sugerencia que confirmaste se aceptó junto con otras, y esas no enseñan. Acepta una pista por sí sola, o elige a mano.</numerusform>
            <numerusform>Aún no hay nada de lo que aprender: las %n sugerencias que confirmaste se aceptaron junto con otras, y esas no enseñan. Acepta una pista por sí sola, o elige a mano.</numerusform>
        </translation>
    </message>
    <message>
        <source>No confirmed tracks yet: accept or override some suggestions first.</source>
        <translation>Aún no hay pistas confirmadas: acepta o elige a mano algunas sugerencias primero.</translation>
    </message>
    <message>
        <source>None of the confirmed tracks could be read to learn from.</source>
        <translation>No se pudo leer ninguna de las pistas confirmadas para aprender.</translation>
    </message>
    <message numerus="yes">
        <source>%n genre(s)</source>
        <translation>
            <numerusform>%n género</numerusform>
            <numerusform>%n géneros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Learnt {genres} from %n confirmed track(s), against {background} pieces of varied background music.</source>
        <translation>
            <numerusform>Aprendido: {genres} de %n pista confirmada, frente a {background} piezas de música de fondo variada.</numerusform>
            <numerusform>Aprendido: {genres} de %n pistas confirmadas, frente a {background} piezas de música de fondo variada.</numerusform>
        </translation>
    </message>
    <message>
        <source>One example is weak: {genres}. Confirm a few more tracks of each.</source>
        <translation>Un solo ejemplo es poco: {genres}. Confirma algunas pistas más de cada uno.</translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) were analysed again to read their sound.</source>
        <translation>
            <numerusform>%n pista confirmada se analizó de nuevo para leer su sonido.</numerusform>
            <numerusform>%n pistas confirmadas se analizaron de nuevo para leer su sonido.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) could not be used (unreadable).</source>
        <translation>
            <numerusform>%n pista confirmada no se pudo usar (ilegible).</numerusform>
            <numerusform>%n pistas confirmadas no se pudieron usar (ilegibles).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n confirmed track(s) are no longer on disk and were left out.</source>
        <translation>
            <numerusform>%n pista confirmada ya no está en el disco y se dejó fuera.</numerusform>
            <numerusform>%n pistas confirmadas ya no están en el disco y se dejaron fuera.</numerusform>
        </translation>
    </message>
    <message>
        <source>Note: {note}.</source>
        <translation>Nota: {note}.</translation>
    </message>
    <message numerus="yes">
        <source>{genre}: %n confirmed track(s)</source>
        <translation>
            <numerusform>{genre}: %n pista confirmada</numerusform>
            <numerusform>{genre}: %n pistas confirmadas</numerusform>
        </translation>
    </message>
    <message>
        <source>(one example is weak: confirm a few more to make it reliable).</source>
        <translation>(un solo ejemplo es poco: confirma algunas más para que sea fiable).</translation>
    </message>
    <message>
        <source>; no held-out check was possible.</source>
        <translation>; no fue posible comprobar con pistas reservadas.</translation>
    </message>
    <message>
        <source>held-out check: {found} of {held_out} found at {percent} or more</source>
        <translation>comprobación con pistas reservadas: {found} de {held_out} encontradas con {percent} o más</translation>
    </message>
    <message>
        <source>, {wrong} of {others} other tracks wrongly</source>
        <translation>, {wrong} de {others} otras pistas por error</translation>
    </message>
    <message numerus="yes">
        <source>%n test track(s): a rough check.</source>
        <translation>
            <numerusform>%n pista de prueba: una comprobación aproximada.</numerusform>
            <numerusform>%n pistas de prueba: una comprobación aproximada.</numerusform>
        </translation>
    </message>
    <message>
        <source>It takes the place of the model&apos;s own {genre}.</source>
        <translation>Ocupa el lugar del {genre} propio del modelo.</translation>
    </message>
    <message>
        <source>It can only raise the model&apos;s own {genre} until its check finds at least half of two or more of your tracks.</source>
        <translation>Solo puede subir el {genre} propio del modelo hasta que su comprobación encuentre al menos la mitad de dos o más de tus pistas.</translation>
    </message>
    <message numerus="yes">
        <source>personal model ({genres}) from %n decision(s)</source>
        <translation>
            <numerusform>modelo personal ({genres}) de %n decisión</numerusform>
            <numerusform>modelo personal ({genres}) de %n decisiones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>learning {genres} from %n track(s)</source>
        <translation>
            <numerusform>aprendiendo {genres} de %n pista</numerusform>
            <numerusform>aprendiendo {genres} de %n pistas</numerusform>
        </translation>
    </message>
    <message>
        <source>reading the sound of confirmed track {i} of {n}</source>
        <translation>leyendo el sonido de la pista confirmada {i} de {n}</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>No audio output device</source>
        <translation>No hay dispositivo de salida de audio</translation>
    </message>
    <message>
        <source>cannot decode the file</source>
        <translation>no se puede decodificar el archivo</translation>
    </message>
    <message>
        <source>Playback is not available: {reason}</source>
        <translation>La reproducción no está disponible: {reason}</translation>
    </message>
    <message>
        <source>The audio output ({device}) takes no mono or stereo PCM</source>
        <translation>La salida de audio ({device}) no acepta PCM mono ni estéreo</translation>
    </message>
</context>
<context>
    <name>PreviewPlayer</name>
    <message>
        <source>the audio output could not be opened</source>
        <translation>no se pudo abrir la salida de audio</translation>
    </message>
    <message>
        <source>the audio output stopped</source>
        <translation>la salida de audio se detuvo</translation>
    </message>
</context>
<context>
    <name>RecentFoldersMenu</name>
    <message>
        <source>Open rec&amp;ent</source>
        <translation>Abrir r&amp;eciente</translation>
    </message>
    <message>
        <source>(no recent folders)</source>
        <translation>(no hay carpetas recientes)</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Vaciar la lista</translation>
    </message>
</context>
<context>
    <name>ReviewNavigation</name>
    <message>
        <source>No undecided track shown</source>
        <translation>No se muestra ninguna pista pendiente</translation>
    </message>
    <message>
        <source>No album with an undecided track shown</source>
        <translation>No se muestra ningún álbum con pistas pendientes</translation>
    </message>
</context>
<context>
    <name>ReviewTableModel</name>
    <message>
        <source>mood: {mood}</source>
        <translation>ánimo: {mood}</translation>
    </message>
    <message>
        <source>{n} kbps</source>
        <translation>{n} kbps</translation>
    </message>
    <message>
        <source>Problem: {reason}</source>
        <translation>Problema: {reason}</translation>
    </message>
    <message>
        <source>Nothing will be written: the file cannot be read</source>
        <translation>No se escribirá nada: el archivo no se puede leer</translation>
    </message>
    <message>
        <source>Write mode &quot;fill&quot; only writes files without genres: this file keeps {current} (your decision: {decision})</source>
        <translation>El modo de escritura «rellenar» solo escribe archivos sin géneros: este archivo conserva {current} (tu decisión: {decision})</translation>
    </message>
    <message>
        <source>Suggested: {genres}</source>
        <translation>Sugerido: {genres}</translation>
    </message>
    <message>
        <source>No suggestion: the best genre, {genre} ({score}), is below the {threshold} threshold. Press O to give it (or another genre) yourself.</source>
        <translation>Sin sugerencia: el mejor género, {genre} ({score}), está por debajo del umbral del {threshold}. Pulsa O para asignarlo tú (u otro género).</translation>
    </message>
</context>
<context>
    <name>ScoreBars</name>
    <message>
        <source>no scores yet</source>
        <translation>aún sin puntuaciones</translation>
    </message>
    <message>
        <source>threshold {percent}</source>
        <translation>umbral {percent}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>{name} (unusable)</source>
        <translation>{name} (no utilizable)</translation>
    </message>
    <message>
        <source> — your model</source>
        <translation> — tu modelo</translation>
    </message>
    <message>
        <source> (bundled default)</source>
        <translation> (incluido, predeterminado)</translation>
    </message>
    <message>
        <source>(no model found)</source>
        <translation>(no se encontró ningún modelo)</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <source>Automatic (GPU if there is one)</source>
        <translation>Automático (GPU si la hay)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>NVIDIA GPU (CUDA)</source>
        <translation>GPU NVIDIA (CUDA)</translation>
    </message>
    <message>
        <source>GPU (DirectML)</source>
        <translation>GPU (DirectML)</translation>
    </message>
    <message>
        <source>Apple (Core ML)</source>
        <translation>Apple (Core ML)</translation>
    </message>
    <message>
        <source>{device} (not offered by this onnxruntime)</source>
        <translation>{device} (esta onnxruntime no lo ofrece)</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Dispositivo:</translation>
    </message>
    <message>
        <source>Only devices this onnxruntime build offers are listed.</source>
        <translation>Solo se muestran los dispositivos que ofrece esta onnxruntime.</translation>
    </message>
    <message>
        <source>one per core</source>
        <translation>uno por núcleo</translation>
    </message>
    <message>
        <source>Worker processes:</source>
        <translation>Procesos de trabajo:</translation>
    </message>
    <message>
        <source>up to </source>
        <translation>hasta </translation>
    </message>
    <message>
        <source> × 3 s stretches per track</source>
        <translation> tramos de 3 s por pista</translation>
    </message>
    <message>
        <source>Four spread-out stretches are always analysed; the others only when the two best genres are a close call.</source>
        <translation>Siempre se analizan cuatro tramos repartidos; los demás solo cuando los dos mejores géneros están muy igualados.</translation>
    </message>
    <message>
        <source>Listen to:</source>
        <translation>Escuchar:</translation>
    </message>
    <message>
        <source>Confidence threshold:</source>
        <translation>Umbral de confianza:</translation>
    </message>
    <message>
        <source>Genres per track, at most:</source>
        <translation>Géneros por pista, como máximo:</translation>
    </message>
    <message>
        <source>Write mode:</source>
        <translation>Modo de escritura:</translation>
    </message>
    <message>
        <source>Analysis &amp;&amp; writing</source>
        <translation>Análisis &amp;&amp; escritura</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Clúster</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>The genre names written into files, and the spellings (model labels, existing tags) that mean the same genre. Separate aliases with commas.</source>
        <translation>Los nombres de género que se escriben en los archivos y las grafías (etiquetas del modelo, etiquetas existentes) que significan el mismo género. Separa los alias con comas.</translation>
    </message>
    <message>
        <source>Genre (written as)</source>
        <translation>Género (se escribe como)</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>Alias</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Padre</translation>
    </message>
    <message>
        <source>Genre tree</source>
        <translation>Árbol de géneros</translation>
    </message>
    <message>
        <source>Add genre</source>
        <translation>Añadir género</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Quitar lo seleccionado</translation>
    </message>
    <message>
        <source>Restore the bundled list</source>
        <translation>Restaurar la lista incluida</translation>
    </message>
    <message>
        <source>Genre vocabulary</source>
        <translation>Vocabulario de géneros</translation>
    </message>
    <message>
        <source>No usable model: the bundled one is missing.</source>
        <translation>No hay modelo utilizable: falta el incluido.</translation>
    </message>
    <message>
        <source>New genre</source>
        <translation>Género nuevo</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Previous / next track</source>
        <translation>Pista anterior / siguiente</translation>
    </message>
    <message>
        <source>Shift+↑ / Shift+↓, Ctrl+A</source>
        <translation>Mayús+↑ / Mayús+↓, Ctrl+A</translation>
    </message>
    <message>
        <source>Select several tracks / all</source>
        <translation>Seleccionar varias pistas / todas</translation>
    </message>
    <message>
        <source>Enter, double-click</source>
        <translation>Intro, doble clic</translation>
    </message>
    <message>
        <source>On the album list: the album&apos;s tracks</source>
        <translation>En la lista de álbumes: las pistas del álbum</translation>
    </message>
    <message>
        <source>Right-click</source>
        <translation>Clic derecho</translation>
    </message>
    <message>
        <source>The track menu; on the table header, the columns</source>
        <translation>El menú de la pista; en la cabecera de la tabla, las columnas</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Qué hacen</translation>
    </message>
</context>
<context>
    <name>SpectrogramView</name>
    <message>
        <source>No track selected</source>
        <translation>Ninguna pista seleccionada</translation>
    </message>
    <message>
        <source>Log-mel spectrogram as the model hears it; the outlined stretches are the parts the model listened to. Click to play from there.</source>
        <translation>Espectrograma log-mel tal como lo oye el modelo; los tramos marcados son las partes que escuchó el modelo. Haz clic para reproducir desde ahí.</translation>
    </message>
    <message>
        <source>{khz} kHz</source>
        <translation>{khz} kHz</translation>
    </message>
    <message>
        <source>mel</source>
        <translation>mel</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Genre Tagger</source>
        <translation>Genre Tagger</translation>
    </message>
    <message>
        <source>Open your music folder…</source>
        <translation>Abre tu carpeta de música…</translation>
    </message>
    <message>
        <source>or drop folders and music files on this window</source>
        <translation>o arrastra carpetas y archivos de música a esta ventana</translation>
    </message>
    <message>
        <source>1. The app listens to each track and suggests genres; nothing is written yet.</source>
        <translation>1. La aplicación escucha cada pista y sugiere géneros; todavía no se escribe nada.</translation>
    </message>
    <message>
        <source>2. You accept (A), override (O) or skip (S) each suggestion, or a whole album (B).</source>
        <translation>2. Aceptas (A), eliges a mano (O) u omites (S) cada sugerencia, o un álbum entero (B).</translation>
    </message>
    <message>
        <source>3. Write tags shows exactly what changes in each file; every write can be undone.</source>
        <translation>3. Escribir etiquetas muestra exactamente qué cambia en cada archivo; cada escritura se puede deshacer.</translation>
    </message>
    <message>
        <source>Recent folders:</source>
        <translation>Carpetas recientes:</translation>
    </message>
    <message>
        <source>&lt;a href=&apos;guide&apos;&gt;Read the user guide&lt;/a&gt; (F1: every key)</source>
        <translation>&lt;a href=&apos;guide&apos;&gt;Leer la guía de uso&lt;/a&gt; (F1: todas las teclas)</translation>
    </message>
</context>
<context>
    <name>TagsTab</name>
    <message>
        <source>The most specific (Heavy Metal)</source>
        <translation>El más específico (Heavy Metal)</translation>
    </message>
    <message>
        <source>The top level (Rock)</source>
        <translation>El nivel superior (Rock)</translation>
    </message>
    <message>
        <source>Both (Heavy Metal; Rock)</source>
        <translation>Ambos (Heavy Metal; Rock)</translation>
    </message>
    <message>
        <source>The format&apos;s own (“/” in ID3v2.3)</source>
        <translation>El propio del formato («/» en ID3v2.3)</translation>
    </message>
    <message>
        <source>“; ” (semicolon)</source>
        <translation>«; » (punto y coma)</translation>
    </message>
    <message>
        <source>“ / ” (slash)</source>
        <translation>« / » (barra)</translation>
    </message>
    <message>
        <source>“, ” (comma)</source>
        <translation>«, » (coma)</translation>
    </message>
    <message>
        <source>Write genres to:</source>
        <translation>Escribir los géneros en:</translation>
    </message>
    <message>
        <source>Genre is the field every player shows. Style, Grouping and Mood are for players and DJ software that sort by them; choose several to write the same genres to each.</source>
        <translation>Género es el campo que muestra todo reproductor. Estilo, Agrupación y Estado de ánimo son para reproductores y software de DJ que ordenan por ellos; elige varios para escribir los mismos géneros en cada uno.</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>Separador:</translation>
    </message>
    <message>
        <source>For tags that hold one value only (ID3v2.3, WAV INFO). FLAC, Ogg, Opus, MP4, WMA, APE and ID3v2.4 tags always get real multiple values.</source>
        <translation>Para etiquetas que solo admiten un valor (ID3v2.3, WAV INFO). Las etiquetas FLAC, Ogg, Opus, MP4, WMA, APE e ID3v2.4 siempre reciben varios valores reales.</translation>
    </message>
    <message>
        <source>{version} (recommended)</source>
        <translation>{version} (recomendada)</translation>
    </message>
    <message>
        <source>New ID3 tags:</source>
        <translation>Etiquetas ID3 nuevas:</translation>
    </message>
    <message>
        <source>For MP3, WAV and AIFF files without an ID3 tag yet; a file keeps its own version.</source>
        <translation>Para archivos MP3, WAV y AIFF que aún no tienen etiqueta ID3; un archivo conserva su propia versión.</translation>
    </message>
    <message>
        <source>Write the model&apos;s top mood into the Mood field</source>
        <translation>Escribir el estado de ánimo principal del modelo en el campo Estado de ánimo</translation>
    </message>
    <message>
        <source>Mood:</source>
        <translation>Estado de ánimo:</translation>
    </message>
    <message>
        <source>Mood needs a score of:</source>
        <translation>El estado de ánimo necesita:</translation>
    </message>
    <message>
        <source>Genre level:</source>
        <translation>Nivel de género:</translation>
    </message>
    <message>
        <source>every genre (e.g. Rock, Electronic, Jazz to allow only those)</source>
        <translation>todos los géneros (p. ej., Rock, Electronic, Jazz para permitir solo esos)</translation>
    </message>
    <message>
        <source>Only these genres:</source>
        <translation>Solo estos géneros:</translation>
    </message>
    <message>
        <source>Genres have parents in the vocabulary (Heavy Metal → Metal → Rock). A genre outside the list is written as its nearest parent in the list, or not at all.</source>
        <translation>Los géneros tienen padres en el vocabulario (Heavy Metal → Metal → Rock). Un género fuera de la lista se escribe como su padre más cercano de la lista, o no se escribe.</translation>
    </message>
    <message>
        <source>Genres already go to Mood</source>
        <translation>Los géneros ya van a Estado de ánimo</translation>
    </message>
</context>
<context>
    <name>ThresholdBox</name>
    <message>
        <source>at</source>
        <translation>desde</translation>
    </message>
    <message>
        <source>Confidence threshold: a genre is suggested when it scores at least this much (the same setting as in Settings; it changes the suggestions shown)</source>
        <translation>Umbral de confianza: se sugiere un género cuando alcanza al menos esta puntuación (el mismo ajuste que en Ajustes; cambia las sugerencias mostradas)</translation>
    </message>
    <message>
        <source>Confidence threshold</source>
        <translation>Umbral de confianza</translation>
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <source>Open folder</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Rescan &amp;&amp; analyse</source>
        <translation>Releer</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Stop analysis</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Elegir</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <source>Accept all above threshold</source>
        <translation>Aceptar todo</translation>
    </message>
    <message>
        <source>Write tags</source>
        <translation>Escribir</translation>
    </message>
    <message>
        <source>Undo last write</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
</context>
<context>
    <name>TrackCommands</name>
    <message>
        <source>The file is gone: {path}</source>
        <translation>El archivo ya no existe: {path}</translation>
    </message>
    <message>
        <source>No file manager could be opened for {path}</source>
        <translation>No se pudo abrir un gestor de archivos para {path}</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n path(s)</source>
        <translation>
            <numerusform>%n ruta copiada</numerusform>
            <numerusform>%n rutas copiadas</numerusform>
        </translation>
    </message>
    <message>
        <source>An analysis is running: re-analyse when it has finished</source>
        <translation>Hay un análisis en curso: vuelve a analizar cuando termine</translation>
    </message>
    <message>
        <source>Cannot re-analyse: {reason}</source>
        <translation>No se puede volver a analizar: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Analysing %n track(s) again</source>
        <translation>
            <numerusform>Analizando de nuevo %n pista</numerusform>
            <numerusform>Analizando de nuevo %n pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n track(s) from the library?

The files stay where they are, untouched. Their decisions are forgotten, and rescans leave them out. To bring them back, drop the files or their folder on the window.</source>
        <translation>
            <numerusform>¿Quitar %n pista de la biblioteca?

El archivo se queda donde está, intacto. Su decisión se olvida y las nuevas lecturas la dejan fuera. Para recuperarla, arrastra el archivo o su carpeta a la ventana.</numerusform>
            <numerusform>¿Quitar %n pistas de la biblioteca?

Los archivos se quedan donde están, intactos. Sus decisiones se olvidan y las nuevas lecturas las dejan fuera. Para recuperarlas, arrastra los archivos o su carpeta a la ventana.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove from library</source>
        <translation>Quitar de la biblioteca</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Cannot remove: {reason}</source>
        <translation>No se puede quitar: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n track(s) from the library (the files stay)</source>
        <translation>
            <numerusform>Se quitó %n pista de la biblioteca (el archivo se queda)</numerusform>
            <numerusform>Se quitaron %n pistas de la biblioteca (los archivos se quedan)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot follow the move: {reason}</source>
        <translation>No se puede seguir el traslado: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>{old} moved to {new}: %n decision(s) came with its tracks</source>
        <translation>
            <numerusform>{old} movida a {new}: %n decisión vino con sus pistas</numerusform>
            <numerusform>{old} movida a {new}: %n decisiones vinieron con sus pistas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrackPage</name>
    <message>
        <source>Tracks</source>
        <translation>Pistas</translation>
    </message>
</context>
<context>
    <name>TrainDialog</name>
    <message>
        <source>Teach the app your genres</source>
        <translation>Enseña tus géneros a la aplicación</translation>
    </message>
    <message>
        <source>Learns your own genres from the tracks you accepted one at a time or overrode, and adds them to the model&apos;s genres: a genre of yours that the model also has replaces its score once the held-out check finds most of your tracks of it (until then it can only raise it); the model&apos;s other genres stay. Music unlike all of your genres scores low on each of them (it is learnt against a background of varied music too).</source>
        <translation>Aprende tus propios géneros de las pistas que aceptaste una a una o elegiste a mano y los añade a los géneros del modelo: un género tuyo que el modelo también tiene reemplaza su puntuación cuando la comprobación con pistas reservadas encuentra la mayoría de tus pistas de ese género (hasta entonces solo puede subirla); los demás géneros del modelo se quedan. La música que no se parece a ninguno de tus géneros puntúa bajo en cada uno (también se aprende frente a un fondo de música variada).</translation>
    </message>
    <message>
        <source>No model to learn with: {reason}</source>
        <translation>No hay modelo con el que aprender: {reason}</translation>
    </message>
    <message>
        <source>What was learnt</source>
        <translation>Lo aprendido</translation>
    </message>
    <message>
        <source>What was learnt, and how reliable the check on held-out tracks was, shows here.</source>
        <translation>Aquí se muestra lo que se aprendió y lo fiable que fue la comprobación con pistas reservadas.</translation>
    </message>
    <message>
        <source>Learn as I review (retrain in the background after every few decisions)</source>
        <translation>Aprender mientras reviso (volver a entrenar en segundo plano cada pocas decisiones)</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entrenar</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Usar este modelo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Learning…</source>
        <translation>Aprendiendo…</translation>
    </message>
    <message>
        <source>Learning: {what}…</source>
        <translation>Entrenando: {what}…</translation>
    </message>
    <message>
        <source>Nothing learnt: {why}</source>
        <translation>Nada aprendido: {why}</translation>
    </message>
    <message>
        <source>Done in {seconds} s.</source>
        <translation>Hecho en {seconds} s.</translation>
    </message>
    <message>
        <source>Training failed: {reason}</source>
        <translation>El entrenamiento falló: {reason}</translation>
    </message>
</context>
<context>
    <name>WriteConfirmDialog</name>
    <message>
        <source>Write genre tags</source>
        <translation>Escribir etiquetas de género</translation>
    </message>
    <message>
        <source>Write:</source>
        <translation>Escribir:</translation>
    </message>
    <message numerus="yes">
        <source>{scope} (%Ln track(s))</source>
        <translation>
            <numerusform>{scope} (%Ln pista)</numerusform>
            <numerusform>{scope} (%Ln pistas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Mode {mode}. Suggestions need {percent} confidence; at most %n genre(s) per track. (Change these in Settings.)</source>
        <translation>
            <numerusform>Modo {mode}. Las sugerencias necesitan un {percent} de confianza; como máximo %n género por pista. (Se cambia en Ajustes.)</numerusform>
            <numerusform>Modo {mode}. Las sugerencias necesitan un {percent} de confianza; como máximo %n géneros por pista. (Se cambia en Ajustes.)</numerusform>
        </translation>
    </message>
    <message>
        <source>Genres you chose with Override are written as chosen.</source>
        <translation>Los géneros elegidos con «Elegir» se escriben tal como se eligieron.</translation>
    </message>
    <message>
        <source>Working out the changes…</source>
        <translation>Calculando los cambios…</translation>
    </message>
    <message>
        <source>Changes to write</source>
        <translation>Cambios que se escribirán</translation>
    </message>
    <message>
        <source>Each file is copied, written, checked (genres read back, audio bytes unchanged) and only then replaces the original. The old values are recorded first: Tags → Undo last write restores them.</source>
        <translation>Cada archivo se copia, se escribe, se comprueba (géneros releídos, bytes de audio sin cambios) y solo entonces sustituye al original. Los valores antiguos se guardan antes: Etiquetas → Deshacer la última escritura los restaura.</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Escribir</translation>
    </message>
    <message>
        <source>Cannot plan the changes: {reason}</source>
        <translation>No se pueden planificar los cambios: {reason}</translation>
    </message>
    <message>
        <source>Nothing to write.</source>
        <translation>Nada que escribir.</translation>
    </message>
    <message>
        <source>Nothing to write: every file in this selection already holds these genres (or has no decision / confident suggestion).</source>
        <translation>Nada que escribir: cada archivo de esta selección ya tiene estos géneros (o no tiene decisión ni sugerencia segura).</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will change</source>
        <translation>
            <numerusform>Cambiará %n archivo</numerusform>
            <numerusform>Cambiarán %n archivos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> in %n folder(s)</source>
        <translation>
            <numerusform> en %n carpeta</numerusform>
            <numerusform> en %n carpetas</numerusform>
        </translation>
    </message>
    <message>
        <source>: {first}, {changed}.</source>
        <translation>: {first}, {changed}.</translation>
    </message>
    <message numerus="yes">
        <source>%n get a genre for the first time</source>
        <translation>
            <numerusform>%n recibe género por primera vez</numerusform>
            <numerusform>%n reciben género por primera vez</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n have their genres changed</source>
        <translation>
            <numerusform>a %n le cambian los géneros</numerusform>
            <numerusform>a %n les cambian los géneros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them will be refused (read-only, no permission, another owner, hard links…): shown in red, with the reason.</source>
        <translation>
            <numerusform>%n de ellos se rechazará (solo lectura, sin permiso, otro propietario, enlaces duros…): en rojo, con el motivo.</numerusform>
            <numerusform>%n de ellos se rechazarán (solo lectura, sin permiso, otro propietario, enlaces duros…): en rojo, con el motivo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Write %n file(s)</source>
        <translation>
            <numerusform>Escribir %n archivo</numerusform>
            <numerusform>Escribir %n archivos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of the {selected} selected tracks are left out: {why}.</source>
        <translation>
            <numerusform>%n de las {selected} pistas seleccionadas queda fuera: {why}.</numerusform>
            <numerusform>%n de las {selected} pistas seleccionadas quedan fuera: {why}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WriteFlow</name>
    <message>
        <source>Tracks I accepted or overrode</source>
        <translation>Pistas que acepté o elegí a mano</translation>
    </message>
    <message>
        <source>Selected tracks: decisions, else confident suggestions</source>
        <translation>Pistas seleccionadas: decisiones, si no, sugerencias seguras</translation>
    </message>
    <message>
        <source>Tracks shown now: decisions, else confident suggestions</source>
        <translation>Pistas mostradas ahora: decisiones, si no, sugerencias seguras</translation>
    </message>
    <message>
        <source>All tracks: decisions, else confident suggestions</source>
        <translation>Todas las pistas: decisiones, si no, sugerencias seguras</translation>
    </message>
    <message>
        <source>Writing tags</source>
        <translation>Escribiendo etiquetas</translation>
    </message>
    <message numerus="yes">
        <source>Batch #{batch}: wrote %Ln file(s)</source>
        <translation>
            <numerusform>Lote n.º {batch}: %Ln archivo escrito</numerusform>
            <numerusform>Lote n.º {batch}: %Ln archivos escritos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln not written (see the list)</source>
        <translation>
            <numerusform>; %Ln sin escribir (ver la lista)</numerusform>
            <numerusform>; %Ln sin escribir (ver la lista)</numerusform>
        </translation>
    </message>
    <message>
        <source>Write results</source>
        <translation>Resultados de la escritura</translation>
    </message>
    <message>
        <source>. Files that were not written are unchanged; the reason is given for each.</source>
        <translation>. Los archivos que no se escribieron no cambian; se indica el motivo de cada uno.</translation>
    </message>
    <message>
        <source>Writing failed: {reason}</source>
        <translation>La escritura falló: {reason}</translation>
    </message>
    <message>
        <source>Writing failed</source>
        <translation>La escritura falló</translation>
    </message>
    <message>
        <source>Nothing to undo: no write batch in this library</source>
        <translation>Nada que deshacer: no hay lotes de escritura en esta biblioteca</translation>
    </message>
    <message>
        <source>Undo write</source>
        <translation>Deshacer escritura</translation>
    </message>
    <message numerus="yes">
        <source>Undo batch #{batch}: put back the previous genres of %n file(s)?</source>
        <translation>
            <numerusform>¿Deshacer el lote n.º {batch}: restaurar los géneros anteriores de %n archivo?</numerusform>
            <numerusform>¿Deshacer el lote n.º {batch}: restaurar los géneros anteriores de %n archivos?</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Undoing</source>
        <translation>Deshaciendo</translation>
    </message>
    <message numerus="yes">
        <source>Batch #{batch} undone: %Ln file(s) restored</source>
        <translation>
            <numerusform>Lote n.º {batch} deshecho: %Ln archivo restaurado</numerusform>
            <numerusform>Lote n.º {batch} deshecho: %Ln archivos restaurados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (%Ln with their tags only, see the list)</source>
        <translation>
            <numerusform> (%Ln solo con sus etiquetas, ver la lista)</numerusform>
            <numerusform> (%Ln solo con sus etiquetas, ver la lista)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %Ln left alone (see the list)</source>
        <translation>
            <numerusform>; %Ln sin tocar (ver la lista)</numerusform>
            <numerusform>; %Ln sin tocar (ver la lista)</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo results</source>
        <translation>Resultados de deshacer</translation>
    </message>
    <message>
        <source>Undo failed: {reason}</source>
        <translation>Deshacer falló: {reason}</translation>
    </message>
    <message>
        <source>Undo failed</source>
        <translation>Deshacer falló</translation>
    </message>
    <message>
        <source>Cancel stops waiting.</source>
        <translation>Cancelar deja de esperar.</translation>
    </message>
    <message>
        <source>{done} of {total}: {name}</source>
        <translation>{done} de {total}: {name}</translation>
    </message>
</context>
<context>
    <name>_Counted</name>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n ilegible</numerusform>
            <numerusform>%n ilegibles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n missing (moved or deleted)</source>
        <translation>
            <numerusform>%n no encontrada (movida o borrada)</numerusform>
            <numerusform>%n no encontradas (movidas o borradas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already have genres (fill mode)</source>
        <translation>
            <numerusform>%n ya tiene géneros (modo rellenar)</numerusform>
            <numerusform>%n ya tienen géneros (modo rellenar)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already hold these genres</source>
        <translation>
            <numerusform>%n ya tiene estos géneros</numerusform>
            <numerusform>%n ya tienen estos géneros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped by you</source>
        <translation>
            <numerusform>%n omitida por ti</numerusform>
            <numerusform>%n omitidas por ti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not accepted or overridden</source>
        <translation>
            <numerusform>%n no aceptada ni elegida a mano</numerusform>
            <numerusform>%n no aceptadas ni elegidas a mano</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not analysed by this model</source>
        <translation>
            <numerusform>%n no analizada por este modelo</numerusform>
            <numerusform>%n no analizadas por este modelo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n whose analysis failed</source>
        <translation>
            <numerusform>%n cuyo análisis falló</numerusform>
            <numerusform>%n cuyo análisis falló</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with no decision or confident suggestion</source>
        <translation>
            <numerusform>%n sin decisión ni sugerencia segura</numerusform>
            <numerusform>%n sin decisión ni sugerencia segura</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n decided for other audio (the file&apos;s audio changed since: decide again)</source>
        <translation>
            <numerusform>%n decidida para otro audio (el audio del archivo cambió desde entonces: decide de nuevo)</numerusform>
            <numerusform>%n decididas para otro audio (el audio de los archivos cambió desde entonces: decide de nuevo)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable or with a failed analysis</source>
        <translation>
            <numerusform>%n ilegible o con análisis fallido</numerusform>
            <numerusform>%n ilegibles o con análisis fallido</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not analysed yet</source>
        <translation>
            <numerusform>%n aún sin analizar</numerusform>
            <numerusform>%n aún sin analizar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already decided or written</source>
        <translation>
            <numerusform>%n ya decidida o escrita</numerusform>
            <numerusform>%n ya decididas o escritas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n whose best genre differs from the album&apos;s</source>
        <translation>
            <numerusform>%n cuyo mejor género no coincide con el del álbum</numerusform>
            <numerusform>%n cuyo mejor género no coincide con el del álbum</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left alone: {reasons}</source>
        <translation>
            <numerusform>%n quedó sin tocar: {reasons}</numerusform>
            <numerusform>%n quedaron sin tocar: {reasons}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a suggestion left alone: {reasons}</source>
        <translation>
            <numerusform>%n sin sugerencia quedó sin tocar: {reasons}</numerusform>
            <numerusform>%n sin sugerencia quedaron sin tocar: {reasons}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Steps</name>
    <message numerus="yes">
        <source>override %Ln track(s) with {genres}</source>
        <translation>
            <numerusform>elegir a mano {genres} para %Ln pista</numerusform>
            <numerusform>elegir a mano {genres} para %Ln pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>accept all at {percent} or more: %Ln track(s)</source>
        <translation>
            <numerusform>aceptar todo desde {percent}: %Ln pista</numerusform>
            <numerusform>aceptar todo desde {percent}: %Ln pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln track(s)</source>
        <translation>
            <numerusform>%Ln pista</numerusform>
            <numerusform>%Ln pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>album suggestion: {tracks} of %Ln album(s)</source>
        <translation>
            <numerusform>sugerencia del álbum: {tracks} de %Ln álbum</numerusform>
            <numerusform>sugerencia del álbum: {tracks} de %Ln álbumes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>accept %Ln track(s)</source>
        <translation>
            <numerusform>aceptar %Ln pista</numerusform>
            <numerusform>aceptar %Ln pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>override %Ln track(s)</source>
        <translation>
            <numerusform>elegir a mano %Ln pista</numerusform>
            <numerusform>elegir a mano %Ln pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>skip %Ln track(s)</source>
        <translation>
            <numerusform>omitir %Ln pista</numerusform>
            <numerusform>omitir %Ln pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>undecide %Ln track(s)</source>
        <translation>
            <numerusform>quitar la decisión de %Ln pista</numerusform>
            <numerusform>quitar la decisión de %Ln pistas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>decide %Ln track(s)</source>
        <translation>
            <numerusform>decidir %Ln pista</numerusform>
            <numerusform>decidir %Ln pistas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Texts</name>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (y %n más)</numerusform>
            <numerusform> (y %n más)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n temporary copy(s) of audio files left by an interrupted write</source>
        <translation>
            <numerusform>Se eliminó %n copia temporal de un archivo de audio que dejó una escritura interrumpida</numerusform>
            <numerusform>Se eliminaron %n copias temporales de archivos de audio que dejó una escritura interrumpida</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>the maximum number of genres is 0</source>
        <translation>el número máximo de géneros es 0</translation>
    </message>
    <message>
        <source>the model has no genre labels</source>
        <translation>el modelo no tiene etiquetas de género</translation>
    </message>
    <message>
        <source>its best genre, {genre} ({score:.2f}), is below the threshold {threshold:g}</source>
        <translation>su mejor género, {genre} ({score:.2f}), está por debajo del umbral {threshold:g}</translation>
    </message>
    <message>
        <source>best genre below the threshold</source>
        <translation>mejor género por debajo del umbral</translation>
    </message>
    <message>
        <source>the file could not be read: {error}</source>
        <translation>no se pudo leer el archivo: {error}</translation>
    </message>
    <message>
        <source>the file could not be read</source>
        <translation>no se pudo leer el archivo</translation>
    </message>
    <message>
        <source>not analysed by {model}</source>
        <translation>no analizado por {model}</translation>
    </message>
    <message>
        <source>its analysis by {model} failed: {error}</source>
        <translation>su análisis por {model} falló: {error}</translation>
    </message>
    <message>
        <source>the model</source>
        <translation>el modelo</translation>
    </message>
    <message>
        <source>&apos;{genre}&apos; cannot be a genre: it holds a control character (a tab, a line break) or a text-direction override</source>
        <translation>&apos;{genre}&apos; no puede ser un género: contiene un carácter de control (un tabulador, un salto de línea) o una inversión de la dirección del texto</translation>
    </message>
    <message>
        <source>{genre} is not text: it holds bytes that are not UTF-8 (type the name again, or set the terminal to UTF-8)</source>
        <translation>{genre} no es texto: contiene bytes que no son UTF-8 (escribe el nombre de nuevo, o configura el terminal en UTF-8)</translation>
    </message>
    <message>
        <source>a genre name of {length} characters is too long (at most {most})</source>
        <translation>un nombre de género de {length} caracteres es demasiado largo (como máximo {most})</translation>
    </message>
    <message>
        <source>no album suggestion: {why}</source>
        <translation>sin sugerencia de álbum: {why}</translation>
    </message>
    <message>
        <source>loose files grouped by folder (no album tag), not an album: accept or override their own suggestions instead</source>
        <translation>archivos sueltos agrupados por carpeta (sin etiqueta de álbum), no es un álbum: acepta o elige a mano sus propias sugerencias</translation>
    </message>
    <message>
        <source>no album suggestion yet (no track of the album is analysed)</source>
        <translation>aún sin sugerencia de álbum (ninguna pista del álbum está analizada)</translation>
    </message>
    <message>
        <source>no album suggestion: no genre of the pooled scores reaches the threshold</source>
        <translation>sin sugerencia de álbum: ningún género de las puntuaciones combinadas alcanza el umbral</translation>
    </message>
    <message>
        <source>{files} file(s) were written before it: `tagger undo {batch}` puts them back</source>
        <translation>{files} archivo(s) se escribieron antes: `tagger undo {batch}` los restaura</translation>
    </message>
    <message>
        <source>file no longer exists</source>
        <translation>el archivo ya no existe</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>no es un archivo normal</translation>
    </message>
    <message>
        <source>read-only file system</source>
        <translation>sistema de archivos de solo lectura</translation>
    </message>
    <message>
        <source>read-only file</source>
        <translation>archivo de solo lectura</translation>
    </message>
    <message>
        <source>read-only folder</source>
        <translation>carpeta de solo lectura</translation>
    </message>
    <message>
        <source>permission denied: you may not write this file (owner {owner}, {mode})</source>
        <translation>permiso denegado: no puedes escribir este archivo (propietario {owner}, {mode})</translation>
    </message>
    <message>
        <source>permission denied: you may not create files in its folder (the safe copy goes there)</source>
        <translation>permiso denegado: no puedes crear archivos en su carpeta (la copia segura va allí)</translation>
    </message>
    <message>
        <source>file has {links} hard links (rewriting it would separate them)</source>
        <translation>el archivo tiene {links} enlaces duros (reescribirlo los separaría)</translation>
    </message>
    <message>
        <source>the file belongs to {owner}: rewriting it would make it yours</source>
        <translation>el archivo pertenece a {owner}: reescribirlo lo haría tuyo</translation>
    </message>
    <message>
        <source>the file&apos;s group is {group}, which you are not in: rewriting it would change its group</source>
        <translation>el grupo del archivo es {group}, al que no perteneces: reescribirlo cambiaría su grupo</translation>
    </message>
    <message>
        <source>cannot keep the file&apos;s owner and group ({owner}:{group}): rewriting it would change them</source>
        <translation>no se pueden conservar el propietario y el grupo del archivo ({owner}:{group}): reescribirlo los cambiaría</translation>
    </message>
    <message>
        <source>cannot keep the file&apos;s owner and group: rewriting it would change them</source>
        <translation>no se pueden conservar el propietario y el grupo del archivo: reescribirlo los cambiaría</translation>
    </message>
    <message>
        <source>cannot keep the file&apos;s permissions ({mode}, the copy got {got})</source>
        <translation>no se pueden conservar los permisos del archivo ({mode}, la copia obtuvo {got})</translation>
    </message>
    <message>
        <source>cannot keep the file&apos;s access control list (ACL)</source>
        <translation>no se puede conservar la lista de control de acceso (ACL) del archivo</translation>
    </message>
    <message>
        <source>could not write the tag: {reason}</source>
        <translation>no se pudo escribir la etiqueta: {reason}</translation>
    </message>
    <message>
        <source>verification failed: the written file is unreadable ({reason})</source>
        <translation>la verificación falló: el archivo escrito no se puede leer ({reason})</translation>
    </message>
    <message>
        <source>verification failed: {what} read back {got!r}, expected {wanted!r}</source>
        <translation>la verificación falló: {what} se leyó como {got!r}, se esperaba {wanted!r}</translation>
    </message>
    <message>
        <source>verification failed: {field} changed ({old!r} -&gt; {new!r})</source>
        <translation>la verificación falló: {field} cambió ({old!r} -&gt; {new!r})</translation>
    </message>
    <message>
        <source>verification failed: a player would read other audio ({why})</source>
        <translation>la verificación falló: un reproductor leería otro audio ({why})</translation>
    </message>
    <message>
        <source>verification failed: the rebuilt file is not the original</source>
        <translation>la verificación falló: el archivo reconstruido no es el original</translation>
    </message>
    <message>
        <source>cancelled before replacing the file ({reason})</source>
        <translation>cancelado antes de reemplazar el archivo ({reason})</translation>
    </message>
    <message>
        <source>verification failed: the audio data would change</source>
        <translation>la verificación falló: los datos de audio cambiarían</translation>
    </message>
    <message>
        <source>file changed while its tags were being written</source>
        <translation>el archivo cambió mientras se escribían sus etiquetas</translation>
    </message>
    <message>
        <source>another Genre Tagger has been writing this file for a minute: try again later</source>
        <translation>otro Genre Tagger lleva un minuto escribiendo este archivo: inténtalo más tarde</translation>
    </message>
    <message>
        <source>could not create a temporary file</source>
        <translation>no se pudo crear un archivo temporal</translation>
    </message>
    <message>
        <source>file does not exist (if it was moved or renamed, scan its new folder with `tagger scan` and undo again)</source>
        <translation>el archivo no existe (si se movió o renombró, lee su nueva carpeta con `tagger scan` y vuelve a deshacer)</translation>
    </message>
    <message>
        <source>not written: the write stopped before this file</source>
        <translation>no escrito: la escritura se detuvo antes de este archivo</translation>
    </message>
    <message>
        <source>the file here holds other audio now (renamed, swapped or replaced since the write); nothing was put back into it: scan the folder the written file is in now (`tagger scan`, or Rescan in the app) and undo again</source>
        <translation>el archivo de aquí contiene ahora otro audio (renombrado, intercambiado o sustituido desde la escritura); no se le devolvió nada: lee la carpeta donde está ahora el archivo escrito (`tagger scan`, o Volver a leer en la app) y deshaz de nuevo</translation>
    </message>
    <message>
        <source>restored tags only: file changed since</source>
        <translation>solo se restauraron las etiquetas: el archivo cambió desde entonces</translation>
    </message>
    <message>
        <source>restored tags only: no byte-exact image was kept for this file</source>
        <translation>solo se restauraron las etiquetas: no se guardó una imagen exacta byte a byte de este archivo</translation>
    </message>
    <message>
        <source>genres</source>
        <translation>géneros</translation>
    </message>
    <message>
        <source>style</source>
        <translation>estilo</translation>
    </message>
    <message>
        <source>grouping</source>
        <translation>agrupación</translation>
    </message>
    <message>
        <source>mood</source>
        <translation>estado de ánimo</translation>
    </message>
    <message>
        <source>{what} changed on disk since planned ({current} instead of {old}); left alone: rescan (`tagger scan`, or Rescan in the app) and review it again</source>
        <translation>{what} cambió en el disco desde que se planificó ({current} en lugar de {old}); sin tocar: vuelve a leer (`tagger scan`, o «Volver a leer» en la aplicación) y revísalo de nuevo</translation>
    </message>
    <message>
        <source>{what} changed on disk since this batch wrote them ({current} instead of {old}); left alone</source>
        <translation>{what} cambió en el disco desde que este lote lo escribió ({current} en lugar de {old}); sin tocar</translation>
    </message>
    <message>
        <source>the audio changed since it was analysed (another file under this name?); left alone: re-analyse it (`tagger analyze`, or Rescan in the app) and review it again</source>
        <translation>el audio cambió desde que se analizó (¿otro archivo con este nombre?); sin tocar: vuelve a analizarlo (`tagger analyze`, o «Volver a leer» en la aplicación) y revísalo de nuevo</translation>
    </message>
    <message>
        <source>the file changed while it was being analysed; its result was not kept: analyse it again (`tagger analyze`, or Rescan in the app)</source>
        <translation>el archivo cambió mientras se analizaba; su resultado no se guardó: analízalo de nuevo (`tagger analyze`, o Volver a leer en la app)</translation>
    </message>
    <message>
        <source>cannot read the audio to check it is the one analysed ({why}); left alone</source>
        <translation>no se puede leer el audio para comprobar que es el analizado ({why}); sin tocar</translation>
    </message>
    <message>
        <source>the model {model} has no embedding output: a personal model needs one (use the bundled model)</source>
        <translation>el modelo {model} no tiene salida de embedding: un modelo personal la necesita (usa el modelo incluido)</translation>
    </message>
    <message>
        <source>the model {model} has no embedding output</source>
        <translation>el modelo {model} no tiene salida de embedding</translation>
    </message>
    <message>
        <source>personal model not used: {reason}</source>
        <translation>modelo personal no usado: {reason}</translation>
    </message>
    <message>
        <source>no confirmed tracks to learn from</source>
        <translation>no hay pistas confirmadas de las que aprender</translation>
    </message>
    <message>
        <source>the confirmed tracks have embeddings of different sizes ({sizes})</source>
        <translation>las pistas confirmadas tienen embeddings de tamaños distintos ({sizes})</translation>
    </message>
    <message>
        <source>{what} belongs to {source}, not to {wanted}; train the personal model again with the model in use</source>
        <translation>{what} pertenece a {source}, no a {wanted}; vuelve a entrenar el modelo personal con el modelo en uso</translation>
    </message>
    <message>
        <source>the personal model</source>
        <translation>el modelo personal</translation>
    </message>
    <message>
        <source>the background ({where})</source>
        <translation>el fondo ({where})</translation>
    </message>
    <message>
        <source>{path}: not a personal model file ({reason})</source>
        <translation>{path}: no es un archivo de modelo personal ({reason})</translation>
    </message>
    <message>
        <source>{path}: personal model format {found} is not {wanted}</source>
        <translation>{path}: el formato {found} del modelo personal no es {wanted}</translation>
    </message>
    <message>
        <source>{path}: cannot read the background embeddings ({reason})</source>
        <translation>{path}: no se pueden leer los embeddings de fondo ({reason})</translation>
    </message>
    <message>
        <source>{path}: background format {found} is not {wanted}</source>
        <translation>{path}: el formato de fondo {found} no es {wanted}</translation>
    </message>
    <message>
        <source>{model} &apos;{output}&apos; ({dim} values)</source>
        <translation>{model} &apos;{output}&apos; ({dim} valores)</translation>
    </message>
    <message>
        <source>embeddings of {got} values, but the personal model reads {reads} ({source})</source>
        <translation>embeddings de {got} valores, pero el modelo personal lee {reads} ({source})</translation>
    </message>
    <message>
        <source>no background music: tracks unlike all of your genres may still score high on one</source>
        <translation>sin música de fondo: las pistas que no se parecen a ninguno de sus géneros pueden puntuar alto en alguno</translation>
    </message>
    <message>
        <source>genres with one confirmed track (or one album) borrow the calibration of the others: {genres}</source>
        <translation>los géneros con una pista confirmada (o un álbum) toman la calibración de los demás: {genres}</translation>
    </message>
    <message>
        <source>no genre has two confirmed tracks in different albums: scores are not calibrated ({genres})</source>
        <translation>ningún género tiene dos pistas confirmadas en álbumes distintos: las puntuaciones no están calibradas ({genres})</translation>
    </message>
    <message>
        <source>the held-out checks of your other genres did not tell their tracks apart, so there is no calibration to borrow: scores are not calibrated ({genres})</source>
        <translation>las comprobaciones con pistas reservadas de sus otros géneros no distinguieron sus pistas, así que no hay calibración que tomar: las puntuaciones no están calibradas ({genres})</translation>
    </message>
    <message>
        <source>the held-out check scored your own tracks of {genres} no higher than the others: it is not suggested until you confirm more tracks of it, from other albums</source>
        <translation>la comprobación con pistas reservadas no puntuó sus propias pistas de {genres} más alto que las demás: no se sugiere hasta que confirme más pistas de él, de otros álbumes</translation>
    </message>
    <message>
        <source>one example is weak: {genres} learnt from a single track</source>
        <translation>un ejemplo es poco: {genres} aprendido de una sola pista</translation>
    </message>
    <message>
        <source>running on the CPU ({provider})</source>
        <translation>se ejecuta en la CPU ({provider})</translation>
    </message>
    <message>
        <source>running on {device} ({provider})</source>
        <translation>se ejecuta en {device} ({provider})</translation>
    </message>
    <message>
        <source>{device} is not available in this onnxruntime build (providers: {providers}): running on the CPU instead</source>
        <translation>{device} no está disponible en esta compilación de onnxruntime (proveedores: {providers}): se ejecuta en la CPU</translation>
    </message>
    <message>
        <source>{device}, {precision}</source>
        <translation>{device}, {precision}</translation>
    </message>
    <message>
        <source>int8 model</source>
        <translation>modelo int8</translation>
    </message>
    <message>
        <source>int8 model (asked for)</source>
        <translation>modelo int8 (elegido)</translation>
    </message>
    <message>
        <source>int8 model (this CPU has {instructions})</source>
        <translation>modelo int8 (esta CPU tiene {instructions})</translation>
    </message>
    <message>
        <source>float model</source>
        <translation>modelo float</translation>
    </message>
    <message>
        <source>float model (asked for)</source>
        <translation>modelo float (elegido)</translation>
    </message>
    <message>
        <source>float model (it has no int8 copy)</source>
        <translation>modelo float (no tiene copia int8)</translation>
    </message>
    <message>
        <source>float model (on a GPU)</source>
        <translation>modelo float (en una GPU)</translation>
    </message>
    <message>
        <source>float model (this CPU has no int8 dot-product instructions)</source>
        <translation>modelo float (esta CPU no tiene instrucciones de producto escalar int8)</translation>
    </message>
    <message>
        <source>this packaged app has no Ray: a cluster needs Genre Tagger installed with pip, with its cluster extra (&apos;genre-tagger[cluster]&apos;)</source>
        <translation>esta aplicación empaquetada no tiene Ray: un clúster necesita Genre Tagger instalado con pip, con su extra de clúster (&apos;genre-tagger[cluster]&apos;)</translation>
    </message>
    <message>
        <source>analysing on a cluster needs Ray: pip install &apos;genre-tagger[cluster]&apos; (on this machine and every node)</source>
        <translation>analizar en un clúster necesita Ray: pip install &apos;genre-tagger[cluster]&apos; (en esta máquina y en cada nodo)</translation>
    </message>
    <message>
        <source>the settings choose a Ray cluster, but {why}: analysed on this computer</source>
        <translation>los ajustes eligen un clúster Ray, pero {why}: analizado en este ordenador</translation>
    </message>
    <message>
        <source>{old} still exists: scan it, and the files that left it keep their decisions where they are now</source>
        <translation>{old} todavía existe: examínala, y los archivos que salieron de ella conservan sus decisiones donde están ahora</translation>
    </message>
    <message>
        <source>the library has no tracks under {old}</source>
        <translation>la biblioteca no tiene pistas en {old}</translation>
    </message>
    <message>
        <source>{old} and {new} are the same folder, or one holds the other</source>
        <translation>{old} y {new} son la misma carpeta, o una contiene a la otra</translation>
    </message>
    <message>
        <source>library database error: {reason}</source>
        <translation>error de la base de datos de la biblioteca: {reason}</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({error}); the default settings are used</source>
        <translation>{path}: no se puede leer ({error}); se usan los ajustes predeterminados</translation>
    </message>
    <message>
        <source>{path}: holds no settings (a JSON object was expected); the default settings are used</source>
        <translation>{path}: no contiene ajustes (se esperaba un objeto JSON); se usan los ajustes predeterminados</translation>
    </message>
    <message>
        <source>{path}: {name} = {value} is not valid; its default ({default}) is used</source>
        <translation>{path}: {name} = {value} no es válido; se usa su valor predeterminado ({default})</translation>
    </message>
    <message>
        <source>Various artists</source>
        <translation>Varios artistas</translation>
    </message>
    <message>
        <source>{folder} (folder)</source>
        <translation>{folder} (carpeta)</translation>
    </message>
    <message>
        <source>(skip)</source>
        <translation>(omitida)</translation>
    </message>
    <message>
        <source>(already set)</source>
        <translation>(ya puesto)</translation>
    </message>
    <message>
        <source>(keeps {genres} — fill mode)</source>
        <translation>(conserva {genres} — modo rellenar)</translation>
    </message>
    <message>
        <source>not written: {why}</source>
        <translation>no escrito: {why}</translation>
    </message>
</context>
</TS>
