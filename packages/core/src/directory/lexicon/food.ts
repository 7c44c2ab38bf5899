/** Food: what people eat, where they get it, the programmes that pay for it. */
export const food = `
## services
food,foods,something to eat=comida,alimento,alimentos,algo de comer,bastimento@ca,comidita
food pantry,pantry,food shelf,food closet,food cupboard=despensa,despensa de comida,alacena comunitaria,banco de comida
food bank,foodbank=banco de alimentos,banco de comida
food distribution,food giveaway,mobile pantry,mobile food,produce giveaway,drive through food=reparto de comida,distribucion de alimentos,entrega de comida,regalan comida,reparten comida,despensa movil
groceries,grocery,grocery bags,grocery boxes,food box,food boxes=mandado@mx,abarrotes@mx,viveres,provisiones,bolsa de comida,caja de comida,despensas
hot meal,hot meals,free meal,free meals,meal,meals=comida caliente,plato de comida,comida gratis,comidas gratis,comida preparada
soup kitchen,community kitchen,free lunch,free dinner=comedor,comedor comunitario,comedor popular,comedor de beneficencia,olla comun,olla popular,sopa comunitaria
breakfast=desayuno,desayunos
lunch,lunches=almuerzo,lonche@mx,comida del mediodia
dinner,supper=cena,cenas,comida de la noche
home delivered meals,meals on wheels,meal delivery=comida a domicilio,comidas a domicilio,entrega de comidas,comida para llevar a casa
senior meals,congregate meals,senior lunch=comida para ancianos,comida para adultos mayores,comedor para personas mayores,almuerzo para mayores
kids meals,summer meals,school meals,school lunch,school breakfast=comida para ninos,almuerzo escolar,desayuno escolar,comida escolar,comida de verano
backpack program,weekend food=mochila de comida,comida para el fin de semana
produce,fresh produce,fruits,vegetables,fruit,veggies=frutas,verduras,vegetales,legumbres,hortalizas,frutas y verduras
bread,bakery=pan,panaderia
milk,dairy=leche,lacteos
eggs=huevos,blanquillos@mx
rice and beans,beans,rice=arroz,frijoles,habichuelas@cb,porotos,arroz y frijoles
canned food,canned goods=latas,comida enlatada,enlatados
meat,chicken=carne,pollo
community garden,garden plots,urban farm=huerto comunitario,jardin comunitario,huerta,parcela
farmers market,farm stand=mercado de agricultores,tianguis@mx,feria del agricultor,mercado
cooking class,nutrition class,healthy eating=clases de cocina,clases de nutricion,comer sano,alimentacion saludable
nutrition,nutrition education,nutritionist,dietitian=nutricion,nutriologo@mx,nutricionista,dietista
special diet,diabetic food,medically tailored meals=dieta especial,comida para diabeticos
## programmes
snap,food stamps,calfresh,ebt,ebt card,food assistance,food benefits=estampillas,estampillas de comida,cupones,cupones de alimentos,cupones de comida,tarjeta ebt,asistencia alimentaria,beneficios de comida,estampias
wic,women infants and children=wic,programa wic,mujeres bebes y ninos
market match,double up food bucks=doble valor,market match
tefap,commodities,commodity foods=alimentos de gobierno,comida del gobierno
pandemic ebt,p ebt,summer ebt=tarjeta de verano,sun bucks
## conditions
hunger,hungry,food insecurity,no food,out of food,nothing to eat=hambre,tengo hambre,sin comida,no tengo comida,no hay comida,no tenemos que comer,inseguridad alimentaria,pasando hambre,aguantando hambre
malnutrition,underweight=desnutricion,bajo peso
## babies
baby formula,formula,infant formula=formula,formula para bebe,leche de formula,leche para bebe,leche en polvo,leche de bebe
baby food=comida para bebe,papilla,papillas,gerber
## places
grocery store,supermarket=supermercado,colmado@cb,bodega@cb,pulperia@ca,tiendita@mx,abarroteria
church pantry=despensa de la iglesia,iglesia que regala comida
pet food=comida para mascotas,comida para perro,comida para gato
`;
