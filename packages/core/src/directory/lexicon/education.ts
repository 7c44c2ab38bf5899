/** Learning: language, school, diplomas and skills, for children and adults. */
export const education = `
## services
school,schools,education,enroll in school=escuela,escuelas,educacion,inscribir en la escuela,inscripcion escolar,colegio
english classes,esl,english as a second language,learn english,english=clases de ingles,ingles,aprender ingles,ingles como segundo idioma,clases de idioma
spanish classes,spanish literacy=clases de espanol,alfabetizacion en espanol
ged,hiset,high school equivalency,high school diploma,finish high school=ged,diploma de preparatoria,prepa@mx,terminar la prepa,secundaria,equivalencia de preparatoria,bachillerato,diploma
literacy,learn to read,reading,writing,adult literacy=alfabetizacion,aprender a leer,leer y escribir,lectura,escritura
classes,class,course,courses,workshop,workshops=clases,clase,curso,cursos,taller,talleres
tutoring,tutor,homework help,after school=tutoria,tutorias,tutor,ayuda con la tarea,tareas,despues de la escuela,programa despues de clases
preschool,pre k,head start,early head start=preescolar,kinder,kinder temprano,head start,jardin de ninos,prekinder
college,community college,university,financial aid,fafsa,scholarship,scholarships=colegio comunitario,universidad,ayuda financiera para estudiar,becas,beca,fafsa,estudios universitarios,college
computer classes,digital literacy,computer skills,learn computers=clases de computacion,aprender computacion,clases de computadora,alfabetizacion digital
parenting classes,parenting=clases para padres,crianza,escuela para padres,como criar a los hijos
special education,iep,504 plan,learning disability=educacion especial,plan iep,problemas de aprendizaje,discapacidad de aprendizaje
library,libraries,library card=biblioteca,bibliotecas,tarjeta de la biblioteca
citizenship classes=clases de ciudadania
driving classes,drivers ed=clases de manejo,escuela de manejo
`;
